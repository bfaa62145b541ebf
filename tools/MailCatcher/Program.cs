using System.Net.Sockets;

namespace WorkersPower.MailCatcher;

/// <summary>
/// The mail catcher for developers: <c>dotnet WorkersPower.MailCatcher.dll [--smtp-port 2525] [--http-port 8025] [--dir .data/mail]</c>.
/// Accepts every mail sent to SMTP on 127.0.0.1, writes each as an .eml file into the directory and shows the
/// directory's mails (earlier runs' too) on a web page on 127.0.0.1. Runs until Ctrl-C or SIGTERM.
/// </summary>
internal static class CatcherProgram
{
    private const string Usage = "usage: WorkersPower.MailCatcher [--smtp-port 2525] [--http-port 8025] [--dir .data/mail]";

    public static async Task<int> Main(string[] args)
    {
        int smtpPort = 2525, httpPort = 8025;
        var directory = Path.Combine(".data", "mail");
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--smtp-port" when int.TryParse(value, out var port) && port is >= 0 and <= 65535: smtpPort = port; i++; break;
                case "--http-port" when int.TryParse(value, out var port) && port is >= 0 and <= 65535: httpPort = port; i++; break;
                case "--dir" when !string.IsNullOrWhiteSpace(value): directory = value; i++; break;
                default:
                    await Console.Error.WriteLineAsync(args[i] is "-h" or "--help" ? Usage : $"Mail catcher: cannot read the argument '{args[i]}'. {Usage}");
                    return args[i] is "-h" or "--help" ? 0 : 2;
            }
        }
        directory = Path.GetFullPath(directory);

        SmtpCatcher catcher;
        try
        {
            catcher = await SmtpCatcher.StartAsync(smtpPort, directory);
        }
        catch (SocketException e)
        {
            await Console.Error.WriteLineAsync($"Mail catcher: cannot listen for SMTP on 127.0.0.1:{smtpPort}: {e.Message}");
            return 1;
        }
        await using (catcher)
        {
            // No command-line arguments for the web host (they are ours), and its address is ours too, whatever
            // ASPNETCORE_URLS the caller's environment holds. Only requests naming a loopback host are answered.
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
            builder.WebHost.UseUrls($"http://127.0.0.1:{httpPort}");
            builder.Configuration["AllowedHosts"] = "127.0.0.1;localhost";
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
            var app = builder.Build();
            MailPages.Map(app, directory, catcher.Port);
            try
            {
                await app.StartAsync();
            }
            catch (IOException e)
            {
                await Console.Error.WriteLineAsync($"Mail catcher: cannot serve its page on 127.0.0.1:{httpPort}: {e.Message}");
                return 1;
            }
            var page = app.Urls.FirstOrDefault() ?? $"http://127.0.0.1:{httpPort}";
            Console.WriteLine($"Mail catcher: SMTP on 127.0.0.1:{catcher.Port}, the mails on {page}, each also as .eml in {directory}");
            await app.WaitForShutdownAsync();
        }
        return 0;
    }
}
