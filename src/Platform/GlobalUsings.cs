// The namespaces most files of this project use. Which code may touch GraphQL, ASP.NET Core or Marten is
// not shown by usings but enforced on the compiled code by ArchitectureTests (tests/WorkersPower.Host.Tests).
global using System.Buffers.Text;
global using System.Globalization;
global using System.Reflection;
global using System.Security.Claims;
global using System.Text;
global using GraphQL;
global using GraphQL.Builders;
global using GraphQL.Types;
global using GraphQLParser.AST;
global using Marten;
global using Microsoft.Extensions.DependencyInjection;
global using Microsoft.IdentityModel.Tokens;
global using Npgsql;
global using Wolverine;
global using WorkersPower.Platform.Security;
