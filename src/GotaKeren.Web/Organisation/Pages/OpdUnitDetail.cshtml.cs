using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Organisation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Organisation.Pages;

/// <summary>A unit's ASN and its officers: the regency admin makes an activated ASN the unit's treasurer or OPD admin.</summary>
[Authorize(Policy = Policies.RegencyAdmin)]
public sealed class OpdUnitDetailModel(AppDbContext db, UserManager<AppUser> users, TimeProvider time) : PageModel
{
    /// <summary>A reset code just issued, shown once on this answer and never again (only its hash is kept).</summary>
    public sealed record IssuedResetCode(string Name, string Identifier, string Code, DateOnly ValidUntil, string ActivationUrl);

    public sealed record Row(Guid Id, string Name, string? Identifier, Guid? UserId, IReadOnlyList<string> Roles);

    public sealed class EditInput
    {
        [System.ComponentModel.DataAnnotations.Required(ErrorMessage = "Nama unit kerja wajib diisi.")]
        [System.ComponentModel.DataAnnotations.StringLength(200, ErrorMessage = "Nama unit kerja paling panjang 200 huruf.")]
        public string? Name { get; set; }

        public Guid? ParentId { get; set; }

        [System.ComponentModel.DataAnnotations.StringLength(200, ErrorMessage = "Nama kepala unit paling panjang 200 huruf.")]
        public string? HeadName { get; set; }
    }

    [BindProperty]
    public EditInput Input { get; set; } = new();

    public IReadOnlyList<(Guid Id, string Name)> Parents { get; private set; } = [];

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IssuedResetCode? ResetCode { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostEditAsync(Guid id, CancellationToken ct)
    {
        var unit = await db.OpdUnits.FirstOrDefaultAsync(o => o.Id == id, ct);
        if (unit is null)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var key = OpdUnit.KeyOf(Input.Name!);
            if (await db.OpdUnits.AnyAsync(o => o.NameKey == key && o.Id != id, ct))
            {
                ModelState.AddModelError("Input.Name", $"Unit kerja '{Input.Name!.Trim()}' sudah ada.");
            }

            if (Input.ParentId == id)
            {
                ModelState.AddModelError("Input.ParentId", "Unit kerja tidak dapat menjadi induk dirinya sendiri.");
            }
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(id, ct, keepInput: true);
            return Page();
        }

        unit.Name = Input.Name!.Trim();
        unit.NameKey = OpdUnit.KeyOf(unit.Name);
        unit.ParentId = Input.ParentId;
        unit.HeadName = string.IsNullOrWhiteSpace(Input.HeadName) ? null : Input.HeadName.Trim();
        await db.SaveChangesAsync(ct);
        TempData["Message"] = $"Unit kerja {unit.Name} diperbarui.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostRoleAsync(Guid id, Guid asnId, string role, bool grant, CancellationToken ct)
    {
        if (role is not (Roles.Treasurer or Roles.OpdAdmin))
        {
            return BadRequest();
        }

        var asn = await db.Asn.AsNoTracking().FirstOrDefaultAsync(a => a.Id == asnId && a.OpdId == id, ct);
        var user = asn?.UserId is { } userId ? await users.FindByIdAsync(userId.ToString()) : null;
        if (asn is null || user is null)
        {
            TempData["Message"] = "ASN ini belum mengaktifkan akunnya.";
            return RedirectToPage(new { id });
        }

        var result = grant ? await users.AddToRoleAsync(user, role) : await users.RemoveFromRoleAsync(user, role);
        if (result.Succeeded && grant)
        {
            user.OpdId = id;
            await users.UpdateAsync(user);
        }

        // A second click finds the first's grant (or loses to it on the key of user_roles): the role is as asked.
        var settled = result.Succeeded || await users.IsInRoleAsync(user, role) == grant;
        TempData["Message"] = settled
            ? $"{asn.Name} {(grant ? "sekarang" : "tidak lagi")} {Roles.Label(role).ToLowerInvariant()} unit ini."
            : string.Join(" ", result.Errors.Select(e => e.Description));
        return RedirectToPage(new { id });
    }

    /// <summary>
    /// For an ASN who forgot their password and has no e-mail: a one-time code, on the same activation page as the
    /// first login, that sets a new password for the account they already have. Issuing it voids an earlier code.
    /// </summary>
    public async Task<IActionResult> OnPostResetCodeAsync(Guid id, Guid asnId, CancellationToken ct)
    {
        var asn = await db.Asn.AsNoTracking().FirstOrDefaultAsync(a => a.Id == asnId && a.OpdId == id && a.Active, ct);
        if (asn?.UserId is null || (asn.Nip ?? asn.Nik) is not { } identifier)
        {
            TempData["Message"] = "ASN ini belum mengaktifkan akunnya: cetak kode aktivasi dari daftar unit kerja.";
            return RedirectToPage(new { id });
        }

        var now = time.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var codes = await AccountActivation.IssueAsync(db, [asn.Id], User.Identity!.Name!, now, ct);
        db.AuditEvents.Add(new Audit.AuditEvent { At = now, UserName = User.Identity!.Name!, Action = Audit.AuditActions.PasswordResetCodeIssued, Detail = $"{asn.Name} ({identifier})" });
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        await LoadAsync(id, ct);
        ResetCode = new IssuedResetCode(asn.Name, identifier, codes[asn.Id], DateOnly.FromDateTime((now + AccountActivation.Lifetime).UtcDateTime),
            $"{Tenancy.RegencyUrl.Of(Request)}/aktivasi");
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct, bool keepInput = false)
    {
        var unit = await db.OpdUnits.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (unit is null)
        {
            return false;
        }

        Id = id;
        Name = unit.Name;
        if (!keepInput)
        {
            Input = new EditInput { Name = unit.Name, ParentId = unit.ParentId, HeadName = unit.HeadName };
        }

        Parents = [.. (await db.OpdUnits.AsNoTracking().Where(o => o.Id != id && o.Active).OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(ct)).Select(o => (o.Id, o.Name))];
        var asn = await db.Asn.AsNoTracking().Where(a => a.OpdId == id && a.Active).OrderBy(a => a.Name)
            .Select(a => new { a.Id, a.Name, Identifier = a.Nip ?? a.Nik, a.UserId }).ToListAsync(ct);
        var userIds = asn.Where(a => a.UserId != null).Select(a => a.UserId!.Value).ToList();
        var roleNames = await db.Roles.ToDictionaryAsync(r => r.Id, r => r.Name!, ct);
        var roles = (await db.UserRoles.Where(r => userIds.Contains(r.UserId)).ToListAsync(ct)).ToLookup(r => r.UserId, r => roleNames[r.RoleId]);
        Rows = [.. asn.Select(a => new Row(a.Id, a.Name, a.Identifier, a.UserId, a.UserId is { } u ? [.. roles[u].Where(r => r is Identity.Roles.Treasurer or Identity.Roles.OpdAdmin)] : []))];
        return true;
    }
}
