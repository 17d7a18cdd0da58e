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

    public IActionResult OnGet(int? code) => Handle(code);

    public IActionResult OnPost(int? code) => Handle(code);

    private IActionResult Handle(int? code)
    {
        var exception = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        var status = exception is not null ? StatusCodes.Status500InternalServerError : code ?? StatusCodes.Status500InternalServerError;
        if (exception is not null)
        {
            logger.LogError(exception.Error, "Unhandled error on {Path}", exception.Path);
        }

        (Title, Detail) = status switch
        {
            404 => ("Halaman tidak ditemukan", "Alamat yang Anda buka tidak ada, atau kabupaten ini tidak aktif di GotaKeren."),
            401 => ("Perlu masuk", "Silakan masuk terlebih dahulu."),
            403 => ("Akses ditolak", "Akun Anda tidak memiliki hak untuk membuka halaman ini."),
            400 => ("Permintaan tidak valid", "Permintaan tidak dapat diproses. Muat ulang halaman lalu coba lagi."),
            405 => ("Metode tidak diizinkan", "Permintaan ini tidak didukung di alamat tersebut."),
            >= 500 => ("Terjadi gangguan", "Maaf, terjadi kesalahan di sisi kami. Kejadian ini sudah dicatat; silakan coba lagi beberapa saat lagi."),
            _ => ("Permintaan tidak dapat diproses", "Silakan kembali ke beranda."),
        };

        var originalPath = exception?.Path ?? HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath ?? "";
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
