using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace GotaKeren.Testing;

/// <summary>
/// Keeps what the app logs when a request ends in its error page (an unhandled exception), in a file
/// `deploy/dev.sh test` prints when a run fails: a test only sees "500", and a 500 that happens once in a
/// hundred runs must say why the first time.
/// </summary>
public sealed class UnhandledRequestLog : ILoggerProvider
{
    /// <summary>GOTAKEREN_TEST_ERRORS when set (dev.sh sets it per run), else a file in the temp directory.</summary>
    public static string FilePath { get; } =
        Environment.GetEnvironmentVariable("GOTAKEREN_TEST_ERRORS") is { Length: > 0 } path
            ? path
            : Path.Combine(Path.GetTempPath(), "gotakeren-test-unhandled.log");

    private static readonly Lock Gate = new();

    public ILogger CreateLogger(string categoryName) =>
        categoryName.StartsWith("Microsoft.AspNetCore.Diagnostics", StringComparison.Ordinal) ? new Logger(categoryName) : NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Logger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel))
            {
                return;
            }

            var entry = $"{DateTimeOffset.UtcNow:O} {category}: {formatter(state, exception)}{Environment.NewLine}{exception}{Environment.NewLine}{Environment.NewLine}";
            lock (Gate)
            {
                File.AppendAllText(FilePath, entry);
            }
        }
    }
}
