using GotaKeren.Web.Data;
using GotaKeren.Web.Documents;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Documents.Pages;

/// <summary>Public: anyone holding a certificate or receipt checks it is genuine. No personal data is shown.</summary>
[AllowAnonymous]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Shell.EdgeProtection.Codes)]
public sealed class VerifyDocumentModel(AppDbContext db, TenantContext scope) : PageModel
{
    public string Code { get; private set; } = "";
    public IssuedDocument? Document { get; private set; }
    public string RegencyName => scope.Tenant!.Name;
    public string TimeZone => scope.Tenant!.TimeZone;

    public async Task OnGetAsync(string code, CancellationToken ct)
    {
        Code = code.Trim().ToUpperInvariant();
        Document = await db.IssuedDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Code == Code, ct);
        if (Document is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
    }
}
