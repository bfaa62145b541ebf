// The namespaces most files of this project use. Which code may touch GraphQL, ASP.NET Core or Marten is
// not shown by usings but enforced on the compiled code by ArchitectureTests (tests/WorkersPower.Host.Tests).
global using System.Collections.Concurrent;
global using System.ComponentModel;
global using System.Globalization;
global using System.Security.Cryptography;
global using System.Text;
global using System.Text.Json;
global using GraphQL;
global using GraphQL.DataLoader;
global using GraphQL.Types;
global using JasperFx.Events;
global using Marten;
global using Marten.Events.Aggregation;
global using Marten.Services.BatchQuerying;
global using Microsoft.Extensions.Configuration;
global using Microsoft.Extensions.DependencyInjection;
global using Microsoft.Extensions.Options;
global using Wolverine;
global using WorkersPower.Membership.Accounts;
global using WorkersPower.Membership.Applications;
global using WorkersPower.Membership.Branches;
global using WorkersPower.Membership.Contracts;
global using WorkersPower.Membership.GraphQL;
global using WorkersPower.Membership.Members;
global using WorkersPower.Platform;
global using WorkersPower.Platform.GraphQL;
global using WorkersPower.Platform.Security;
