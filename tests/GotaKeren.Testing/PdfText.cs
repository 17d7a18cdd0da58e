using System.Diagnostics;

namespace GotaKeren.Testing;

/// <summary>The text of a PDF, read by poppler's pdftotext (installed by deploy/dev.sh), as a person would read it.</summary>
public static class PdfText
{
    public static async Task<string> ExtractAsync(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"gotakeren-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        try
        {
            var info = new ProcessStartInfo("pdftotext", ["-layout", file, "-"]) { RedirectStandardOutput = true, UseShellExecute = false };
            using var process = Process.Start(info)!;
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            return process.ExitCode == 0 ? text : throw new InvalidOperationException($"pdftotext failed ({process.ExitCode}).");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
