using System.ComponentModel.DataAnnotations;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Organisation;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Organisation.Pages;

/// <summary>The regency's units with their ASN and what they must protect under the rules in force.</summary>
[Authorize(Policy = Policies.RegencyAdmin)]
public sealed class OpdUnitsModel(AppDbContext db, TenantContext scope, TimeProvider time) : PageModel
{
    public sealed record Row(Guid Id, string Name, string? Parent, string? HeadName, bool Active, int ActiveAsn, int RequiredWorkers);

    public sealed class CreateInput
    {
        [Required(ErrorMessage = "Nama unit kerja wajib diisi.")]
        [StringLength(200, ErrorMessage = "Nama unit kerja paling panjang 200 huruf.")]
        public string? Name { get; set; }

        public Guid? ParentId { get; set; }

        [StringLength(200, ErrorMessage = "Nama kepala unit paling panjang 200 huruf.")]
        public string? HeadName { get; set; }
    }

    [BindProperty]
    public CreateInput Input { get; set; } = new();

    public IReadOnlyList<Row> Units { get; private set; } = [];

    public Task OnGetAsync(CancellationToken ct) => LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        if (ModelState.IsValid)
        {
            var key = OpdUnit.KeyOf(Input.Name!);
            if (await db.OpdUnits.AnyAsync(o => o.NameKey == key, ct))
            {
                ModelState.AddModelError("Input.Name", $"Unit kerja '{Input.Name!.Trim()}' sudah ada.");
            }
            else if (Input.ParentId is { } parent && !await db.OpdUnits.AnyAsync(o => o.Id == parent, ct))
            {
                ModelState.AddModelError("Input.ParentId", "Unit induk tidak ditemukan.");
            }
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(ct);
            return Page();
        }

        db.OpdUnits.Add(new OpdUnit
        {
            Id = Guid.CreateVersion7(),
            Name = Input.Name!.Trim(),
            NameKey = OpdUnit.KeyOf(Input.Name),
            ParentId = Input.ParentId,
            HeadName = string.IsNullOrWhiteSpace(Input.HeadName) ? null : Input.HeadName.Trim(),
            CreatedAt = time.GetUtcNow(),
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (e.IsUniqueViolation())
        {
            // The look above cannot see a unit created a moment ago by a second click: the unique name key settles it.
            db.ChangeTracker.Clear();
            ModelState.AddModelError("Input.Name", $"Unit kerja '{Input.Name.Trim()}' sudah ada.");
            await LoadAsync(ct);
            return Page();
        }

        TempData["Message"] = $"Unit kerja {Input.Name.Trim()} ditambahkan.";
        return RedirectToPage();
    }

    /// <summary>
    /// E-mails every active ASN of the unit who has an address and no login yet a one-time activation link;
    /// a new invitation voids the previous unused code.
    /// </summary>
    public async Task<IActionResult> OnPostInviteAsync(Guid id, [FromServices] Mail.Mailer mailer, CancellationToken ct)
    {
        var unit = await db.OpdUnits.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (unit is null)
        {
            return NotFound();
        }

        if (!mailer.Configured)
        {
            TempData["Message"] = "Pengiriman e-mail belum diatur untuk kabupaten ini. Gunakan lembar kode aktivasi.";
            return RedirectToPage();
        }

        var now = time.GetUtcNow();
        // No invitation to a restricted ASN (UU 27/2022): it is an e-mail they asked not to be processed for.
        var candidates = await db.Asn.AsNoTracking().Where(a => a.OpdId == id && a.Active && a.UserId == null && a.Email != null && a.RestrictedAt == null).Select(a => a.Id).ToListAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await AccountActivation.LockAsync(db, candidates, ct);
        // Read under the lock: an invitation that another click (or a printed sheet) gave a moment ago is not
        // sent again, so twenty clicks send each ASN one e-mail; after the pause, inviting again sends a new code.
        var recent = now - AccountActivation.ResendAfter;
        var invitees = await db.Asn.AsNoTracking()
            .Where(a => candidates.Contains(a.Id) && a.UserId == null && !db.AccountActivations.Any(c => c.AsnId == a.Id && c.UsedAt == null && c.CreatedAt > recent))
            .Select(a => new { a.Id, a.Name, a.Email }).ToListAsync(ct);
        var codes = await AccountActivation.IssueAsync(db, [.. invitees.Select(a => a.Id)], User.Identity!.Name!, now, ct);
        var link = $"{Tenancy.RegencyUrl.Of(Request)}/aktivasi";
        var messages = new List<(string, string, string)>();
        foreach (var a in invitees)
        {
            messages.Add((a.Email!, $"Aktivasi akun GotaKeren {scope.Tenant!.Name}",
                $"Yth. {a.Name},\n\nAnda diundang memakai GotaKeren {scope.Tenant!.Name} untuk mendaftarkan pekerja rentan yang Anda lindungi.\n"
                + $"Buka tautan berikut, masukkan NIP atau NIK Anda, lalu buat kata sandi:\n\n{link}?kode={codes[a.Id]}\n\n"
                + $"Tautan ini sekali pakai dan berlaku sampai {Shell.Formats.Date(DateOnly.FromDateTime((now + AccountActivation.Lifetime).UtcDateTime))}.\n"
                + "Abaikan e-mail ini bila Anda tidak merasa berhak."));
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        var failed = await mailer.SendAsync(messages, ct);
        var skipped = candidates.Count - invitees.Count;
        var waited = skipped > 0 ? $" {skipped} ASN baru saja menerima kode (kurang dari {AccountActivation.ResendAfter.TotalMinutes:0} menit lalu) dan tidak dikirimi lagi." : "";
        TempData["Message"] = (failed.Count == 0
            ? $"{messages.Count} undangan terkirim ke ASN {unit.Name} yang belum memiliki akun."
            : $"{messages.Count - failed.Count} undangan terkirim; {failed.Count} gagal ({string.Join(", ", failed.Take(5))}). Gunakan lembar kode aktivasi untuk mereka.") + waited;
        return RedirectToPage();
    }

    public IReadOnlyList<OpdSheet.Problem> ImportProblems { get; private set; } = [];

    public string? ImportError { get; private set; }

    /// <summary>Creates or updates units from a spreadsheet: every row valid, or nothing is saved.</summary>
    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
        {
            ImportError = "Pilih berkas XLSX atau CSV berisi daftar unit kerja.";
            await LoadAsync(ct);
            return Page();
        }

        await using var stream = file.OpenReadStream();
        var (rows, problems, fileError) = OpdSheet.Read(stream, file.FileName);
        var existing = await db.OpdUnits.ToDictionaryAsync(o => o.NameKey, ct);
        var inFile = rows.Select(r => OpdUnit.KeyOf(r.Name)).ToHashSet();
        var allProblems = problems.ToList();
        allProblems.AddRange(rows.Where(r => r.Parent is not null && !existing.ContainsKey(OpdUnit.KeyOf(r.Parent)) && !inFile.Contains(OpdUnit.KeyOf(r.Parent)))
            .Select(r => new OpdSheet.Problem(r.Number, "Induk", r.Parent!, $"Unit induk '{r.Parent}' tidak ada di berkas maupun di daftar unit kerja.")));
        if (fileError is not null || allProblems.Count > 0)
        {
            ImportError = fileError ?? $"{allProblems.Count} baris bermasalah; tidak ada unit kerja yang disimpan. Perbaiki lalu unggah ulang.";
            ImportProblems = [.. allProblems.OrderBy(p => p.Row)];
            await LoadAsync(ct);
            return Page();
        }

        var now = time.GetUtcNow();
        for (var attempt = 1; ; attempt++)
        {
            foreach (var row in rows)
            {
                var key = OpdUnit.KeyOf(row.Name);
                if (!existing.TryGetValue(key, out var unit))
                {
                    unit = new OpdUnit { Id = Guid.CreateVersion7(), Name = row.Name, NameKey = key, CreatedAt = now };
                    db.OpdUnits.Add(unit);
                    existing[key] = unit;
                }

                unit.HeadName = row.Head ?? unit.HeadName;
            }

            foreach (var row in rows.Where(r => r.Parent is not null))
            {
                existing[OpdUnit.KeyOf(row.Name)].ParentId = existing[OpdUnit.KeyOf(row.Parent!)].Id;
            }

            try
            {
                await db.SaveChangesAsync(ct);
                break;
            }
            catch (DbUpdateException e) when (e.IsUniqueViolation() && attempt < 3)
            {
                // The same file sent again at once (a double click) created these units a moment ago: the unique
                // name key refused the copies; read them back and update them instead, as a later upload would.
                db.ChangeTracker.Clear();
                existing = await db.OpdUnits.ToDictionaryAsync(o => o.NameKey, ct);
            }
        }
        TempData["Message"] = $"{rows.Count} unit kerja dari {file.FileName} tersimpan.";
        return RedirectToPage();
    }

    /// <summary>Units are deactivated, never deleted: ASN, deductions and history point at them.</summary>
    /// <param name="active">The state the button showed: a second click or a resent form repeats it instead of flipping back.</param>
    public async Task<IActionResult> OnPostToggleAsync(Guid id, bool? active, CancellationToken ct)
    {
        var unit = await db.OpdUnits.FirstOrDefaultAsync(o => o.Id == id, ct);
        if (unit is null)
        {
            return NotFound();
        }

        unit.Active = active ?? !unit.Active;
        await db.SaveChangesAsync(ct);
        TempData["Message"] = $"{unit.Name} sekarang {(unit.Active ? "aktif" : "nonaktif")}.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var rules = (await db.RulesVersions.InForceAsync(time.Today(scope.Tenant!.TimeZone), ct))?.Rules;
        var units = await db.OpdUnits.AsNoTracking().OrderBy(o => o.Name).Select(o => new { o.Id, o.Name, Parent = o.Parent!.Name, o.HeadName, o.Active }).ToListAsync(ct);
        var asn = await db.Asn.AsNoTracking().Where(a => a.Active).Select(a => new { a.OpdId, a.Category, a.Echelon, a.Rank }).ToListAsync(ct);
        var byOpd = asn.ToLookup(a => a.OpdId, a => Obligations.Required(rules, a.Category, a.Echelon, a.Rank));
        Units = [.. units.Select(o => new Row(o.Id, o.Name, o.Parent, o.HeadName, o.Active, byOpd[o.Id].Count(), byOpd[o.Id].Sum()))];
    }
}
