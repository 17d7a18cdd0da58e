using GotaKeren.Web.Data;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Protection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Compliance.Pages;

/// <summary>
/// Who is still missing: the regency admin and the regent see every OPD and can open one (for the regent it is
/// the state of the programme, their landing page); an OPD admin sees their own unit, ASN by ASN, those who have
/// not registered anyone first.
/// </summary>
[Authorize(Policy = Policies.Compliance)]
public sealed class ComplianceOverviewModel(CurrentActor current, AppDbContext db, RulesInForce inForce, TimeProvider time, Tenancy.TenantContext scope) : PageModel
{
    public IReadOnlyList<ComplianceReport.OpdLine> Units { get; private set; } = [];
    public IReadOnlyList<ComplianceReport.AsnLine> People { get; private set; } = [];
    public string? UnitName { get; private set; }
    public bool IsAdmin { get; private set; }
    public DateOnly? Deadline { get; private set; }
    public DateOnly Today => inForce.Today;

    public Guid? Opd { get; private set; }

    /// <summary>
    /// The same figures as XLSX: one sheet per OPD for the regency, and the opened unit's ASN on a second sheet
    /// (names, NIP and e-mail: that download is logged as a personal-data export). The per-OPD sheet holds counts only.
    /// </summary>
    public async Task<IActionResult> OnGetXlsxAsync(Guid? opd, CancellationToken ct)
    {
        if (await OnGetAsync(opd, ct) is not PageResult)
        {
            return Forbid();
        }

        var sheets = new Dictionary<string, object>();
        if (IsAdmin)
        {
            sheets["Per OPD"] = Units.Select(u => new Dictionary<string, object?>
            {
                ["Unit Kerja"] = u.Name,
                ["ASN Aktif"] = u.ActiveAsn,
                ["ASN Wajib"] = u.ObligedAsn,
                ["Sudah Memenuhi"] = u.CompliantAsn,
                ["Belum Mendaftarkan Siapa Pun"] = u.NotRegisteredAsn,
                ["Pekerja Wajib"] = u.RequiredWorkers,
                ["Pekerja Dilindungi"] = u.ProtectedWorkers,
                ["Persen"] = u.Percent,
            }).ToList();
        }

        if (UnitName is not null)
        {
            // A restricted ASN (UU 27/2022) is counted in the unit's figures but goes into no sheet handed out.
            var listed = People.Where(p => !p.Restricted).ToList();
            sheets["ASN " + Truncate(UnitName, 25)] = listed.Select(p => new Dictionary<string, object?>
            {
                ["NIP"] = p.Nip,
                ["Nama"] = p.Name,
                ["E-mail"] = p.Email,
                ["Wajib"] = p.Required,
                ["Dilindungi"] = p.Protected,
                ["Sedang Didaftarkan"] = p.Pending,
                ["Status"] = p.Compliant ? "Memenuhi" : p.NotRegistered ? "Belum mendaftarkan siapa pun" : "Belum memenuhi",
            }).ToList();
            await Audit.PersonalDataExports.LogExportAsync(db, User.Identity!.Name!, $"kepatuhan ASN {UnitName} (XLSX): {listed.Count} ASN (NIP, nama, e-mail)", time.GetUtcNow(),
                Audit.LookSubjects.Asn, listed.Select(p => p.Id), ct);
        }

        if (sheets.Count == 0)
        {
            return NotFound();
        }

        var stream = new MemoryStream();
        await MiniExcelLibs.MiniExcel.SaveAsAsync(stream, sheets, cancellationToken: ct);
        stream.Position = 0;
        return File(stream, Spreadsheets.ProblemSheet.ContentType, $"kepatuhan-{scope.Tenant!.Slug}-{Today:yyyy-MM-dd}.xlsx");
    }

    /// <summary>Excel refuses sheet names over 31 characters.</summary>
    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    public async Task<IActionResult> OnGetAsync(Guid? opd, CancellationToken ct)
    {
        Opd = opd;
        var actor = await current.GetAsync(ct);
        IsAdmin = actor.IsAdmin || User.IsInRole(Roles.Regent);
        if (!IsAdmin && !User.IsInRole(Roles.OpdAdmin))
        {
            return Forbid();
        }

        var rules = await inForce.CurrentAsync(ct);
        Deadline = rules?.RegistrationDeadline;
        var unit = IsAdmin ? opd : actor.OpdId;
        if (IsAdmin)
        {
            Units = await ComplianceReport.OpdAsync(db, rules, ct);
        }

        if (unit is { } unitId)
        {
            UnitName = await db.OpdUnits.AsNoTracking().Where(o => o.Id == unitId).Select(o => o.Name).FirstOrDefaultAsync(ct);
            People = [.. (await ComplianceReport.AsnAsync(db, rules, unitId, null, ct))
                .Where(p => p.Required > 0)
                .OrderByDescending(p => p.NotRegistered).ThenBy(p => p.Compliant).ThenBy(p => p.Name)];
        }

        return Page();
    }
}
