// The namespaces most files of this project use. Which code may touch GraphQL, ASP.NET Core or Marten is
// not shown by usings but enforced on the compiled code by ArchitectureTests (tests/WorkersPower.Host.Tests).
global using System.Collections.Concurrent;
global using System.ComponentModel;
global using System.Net.WebSockets;
global using System.Security.Claims;
global using System.Security.Cryptography;
global using System.Text;
global using System.Text.Json;
global using GraphQL;
global using GraphQL.Execution;
global using GraphQL.Types;
global using GraphQL.Validation.Rules.Custom;
global using GraphQLParser.AST;
global using GraphQLParser.Visitors;
global using JasperFx;
global using Marten;
global using Microsoft.AspNetCore.Authentication.JwtBearer;
global using Microsoft.Extensions.DependencyInjection;
global using Microsoft.Extensions.Diagnostics.HealthChecks;
global using Microsoft.Extensions.Options;
global using Wolverine;
global using Wolverine.Persistence.Durability;
global using WorkersPower.Host.GraphQL.Execution;
global using WorkersPower.Host.GraphQL.WebSocket;
global using WorkersPower.Platform;
global using WorkersPower.Platform.GraphQL;
global using WorkersPower.Platform.Security;
