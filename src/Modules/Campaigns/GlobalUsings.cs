// The namespaces most files of this project use. Which code may touch GraphQL, ASP.NET Core or Marten is
// not shown by usings but enforced on the compiled code by ArchitectureTests (tests/WorkersPower.Host.Tests).
global using System.ComponentModel;
global using System.Globalization;
global using GraphQL;
global using GraphQL.DataLoader;
global using GraphQL.Types;
global using Marten;
global using Marten.Events.Aggregation;
global using Marten.Events.Projections;
global using Marten.Services.BatchQuerying;
global using Microsoft.Extensions.DependencyInjection;
global using Wolverine;
global using WorkersPower.Campaigns.Actions;
global using WorkersPower.Campaigns.Campaigns;
global using WorkersPower.Campaigns.GraphQL;
global using WorkersPower.Campaigns.Members;
global using WorkersPower.Campaigns.SignUps;
global using WorkersPower.Membership.Contracts;
global using WorkersPower.Platform;
global using WorkersPower.Platform.GraphQL;
global using WorkersPower.Platform.Security;
