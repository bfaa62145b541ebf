// What nearly every file of the module uses: its own feature namespaces, the platform's vocabulary (Caller,
// Decision, UserError, Roles), Marten and Wolverine for the handlers, [Description] for records and enums.
// GraphQL namespaces stay explicit: a file's usings show whether it touches the schema.
global using System.ComponentModel;
global using Marten;
global using Microsoft.Extensions.DependencyInjection;
global using Wolverine;
global using WorkersPower.Platform;
global using WorkersPower.Platform.Security;
global using WorkersPower.Membership.Accounts;
global using WorkersPower.Membership.Applications;
global using WorkersPower.Membership.Branches;
global using WorkersPower.Membership.Members;
