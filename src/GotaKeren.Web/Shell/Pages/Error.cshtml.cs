using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GotaKeren.Web.Shell.Pages;

/// <summary>
/// Every error a person or a client can meet, in Indonesian and without internals: a page for people, RFC 7807
/// problem details for the API (the original path decides).
/// </summary>
[AnyScope]
[IgnoreAntiforgeryToken]
[AllowAnonymous]
public sealed class ErrorModel(ILogger<ErrorModel> logger) : PageModel
{
    public string Title { get; private set; } = "";
    public string Detail { get; private set; } = "";

    // No handler parameters: binding one would read the form of the failed request, which may be what failed.
    public IActionResult OnGet() => Handle(Code);

    public IActionResult OnPost() => Handle(Code);

    private int? Code => int.TryParse(RouteData.Values["code"]?.ToString(), out var code) ? code : null;

    private IActionResult Handle(int? code)
    {
        var exception = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        // Input the app cannot read is the sender's to fix (4xx, the field named); anything else is ours (500).
        var bad = exception is null ? null : BadInput.Describe(exception.Error);
        var status = bad?.Status ?? (exception is not null ? StatusCodes.Status500InternalServerError : code ?? StatusCodes.Status500InternalServerError);
        if (exception is not null && bad is null)
        {
            logger.LogError(exception.Error, "Unhandled error on {Path}", exception.Path);
        }
        else if (bad is not null)
        {
            logger.LogInformation("Bad input on {Path}: {Field}", exception!.Path, bad.Field);
        }

        (Title, Detail) = status switch
        {
            404 => ("Halaman tidak ditemukan", "Alamat yang Anda buka tidak ada, atau kabupaten ini tidak aktif di GotaKeren."),
            401 => ("Perlu masuk", "Silakan masuk terlebih dahulu."),
            403 => ("Akses ditolak", "Akun Anda tidak memiliki hak untuk membuka halaman ini."),
            400 => ("Permintaan tidak valid", bad?.Message ?? "Permintaan tidak dapat diproses. Periksa isian Anda, muat ulang halaman, lalu coba lagi."),
            413 => ("Terlalu besar", "Isi atau berkas yang dikirim terlalu besar."),
            415 => ("Jenis isi tidak didukung", bad?.Message ?? "Jenis isi permintaan tidak didukung."),
            405 => ("Metode tidak diizinkan", "Permintaan ini tidak didukung di alamat tersebut."),
            >= 500 => ("Terjadi gangguan", "Maaf, terjadi kesalahan di sisi kami. Kejadian ini sudah dicatat; silakan coba lagi beberapa saat lagi."),
            _ => ("Permintaan tidak dapat diproses", "Silakan kembali ke beranda."),
        };

        var originalPath = exception?.Path ?? HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath ?? "";
        if (originalPath.StartsWith("/api/", StringComparison.OrdinalIgnoreCase) && bad is not null)
        {
            return new ObjectResult(new HttpValidationProblemDetails(new Dictionary<string, string[]> { [bad.Field] = [bad.Message] })
            {
                Status = status,
                Title = "Permintaan tidak dapat dibaca",
            })
            {
                StatusCode = status,
                ContentTypes = { "application/problem+json" },
            };
        }

        if (originalPath.StartsWith("/api/", StringComparison.OrdinalIgnoreCase))
        {
            return new ObjectResult(new ProblemDetails { Status = status, Title = Title, Detail = Detail })
            {
                StatusCode = status,
                ContentTypes = { "application/problem+json" },
            };
        }

        Response.StatusCode = status;
        return Page();
    }
}
