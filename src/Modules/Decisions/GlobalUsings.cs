// The namespaces most files of this project use. Which code may touch GraphQL, ASP.NET Core or Marten is
// not shown by usings but enforced on the compiled code by ArchitectureTests (tests/WorkersPower.Host.Tests).
global using System.ComponentModel;
global using System.Globalization;
global using GraphQL;
global using GraphQL.Types;
global using Marten.Events.Aggregation;
global using Marten;
global using Microsoft.Extensions.DependencyInjection;
global using Wolverine;
global using WorkersPower.Decisions.Ballots;
global using WorkersPower.Decisions.Counting;
global using WorkersPower.Decisions.GraphQL;
global using WorkersPower.Decisions.Meetings;
global using WorkersPower.Decisions.Motions;
global using WorkersPower.Membership.Contracts;
global using WorkersPower.Platform;
global using WorkersPower.Platform.GraphQL;
global using WorkersPower.Platform.Security;
