using GotaKeren.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.Web.Privacy;

/// <summary>
/// Deletes an ASN's or a company contact's data at their request (UU 27/2022), as <see cref="WorkerErasure"/>
/// does for a worker: the row stays as an anonymous anchor of the payments and sponsorships it made, and only what
/// proves those payments is kept (the README's personal-data section lists it).
/// <list type="bullet">
/// <item>ASN: name, NIK, e-mail, phone and position go; the NIP stays on the row and on the salary-deduction lists
/// (the payroll took the money under it, and the regency proves each deduction by it), with unit, category, rank
/// and echelon (they set the obligation and the amounts deducted). The row leaves the active roster. Their account
/// is closed: name, e-mail and phone cleared, password removed, locked. The user name stays, as the records the
/// person made (a worker registered, a payment) name their author by it.</item>
/// <item>Company contact: name, e-mail and phone go from the company (the company itself is not a person and stays);
/// the company's accounts in that person's name or e-mail are closed the same way.</item>
/// </list>
/// In both, the name and e-mail are scrubbed from the activity log's texts, e-mail notice logs and the person's own
/// request texts, and pending public-page codes go. One transaction.
/// </summary>
public sealed class PersonErasure(AppDbContext db)
{
    /// <returns>False when the ASN is not here or already erased.</returns>
    public async Task<bool> EraseAsnAsync(Guid asnId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var asn = await db.Asn.FromSql($"SELECT * FROM asn WHERE id = {asnId} FOR UPDATE").AsNoTracking().FirstOrDefaultAsync(ct);
        if (asn is null || asn.Name == Erased.Name)
        {
            return false;
        }

        await db.Asn.Where(a => a.Id == asnId).ExecuteUpdateAsync(u => u
            .SetProperty(a => a.Name, Erased.Name).SetProperty(a => a.Nik, (string?)null).SetProperty(a => a.Email, (string?)null)
            .SetProperty(a => a.Phone, (string?)null).SetProperty(a => a.Position, (string?)null).SetProperty(a => a.Active, false), ct);
        await db.DeductionLines.Where(l => l.AsnId == asnId).ExecuteUpdateAsync(u => u.SetProperty(l => l.Name, Erased.Name), ct);
        if (asn.UserId is { } userId)
        {
            await CloseAccountsAsync(db.Users.Where(u => u.Id == userId), ct);
        }

        await ScrubAsync(asnId, [asn.Name, asn.Nik, asn.Email, asn.Phone], ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <returns>False when the company is not here or its contact already erased.</returns>
    public async Task<bool> EraseCompanyContactAsync(Guid companyId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var company = await db.Companies.FromSql($"SELECT * FROM companies WHERE id = {companyId} FOR UPDATE").AsNoTracking().FirstOrDefaultAsync(ct);
        if (company is null || company.ContactName == Erased.Name)
        {
            return false;
        }

        var (name, email) = (company.ContactName, company.ContactEmail);
        await db.Companies.Where(c => c.Id == companyId).ExecuteUpdateAsync(u => u
            .SetProperty(c => c.ContactName, Erased.Name).SetProperty(c => c.ContactEmail, "").SetProperty(c => c.ContactPhone, (string?)null), ct);
        var normalized = email.ToUpperInvariant();
        await CloseAccountsAsync(db.Users.Where(u => u.CompanyId == companyId && (u.NormalizedEmail == normalized || u.FullName == name)), ct);
        await ScrubAsync(companyId, [name, email, company.ContactPhone], ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    /// <summary>The account can no longer sign in (no password, locked, a new security stamp ends its sessions) and names no one.</summary>
    private static Task<int> CloseAccountsAsync(IQueryable<Identity.AppUser> accounts, CancellationToken ct) => accounts.ExecuteUpdateAsync(u => u
        .SetProperty(a => a.FullName, Erased.Name).SetProperty(a => a.Email, (string?)null).SetProperty(a => a.NormalizedEmail, (string?)null)
        .SetProperty(a => a.PhoneNumber, (string?)null).SetProperty(a => a.PasswordHash, (string?)null).SetProperty(a => a.LockoutEnabled, true)
        .SetProperty(a => a.LockoutEnd, DateTimeOffset.MaxValue).SetProperty(a => a.SecurityStamp, Guid.NewGuid().ToString("N")), ct);

    /// <summary>Where the person's name or contacts were copied into text: the activity log, e-mail notice logs, their requests.</summary>
    private async Task ScrubAsync(Guid subjectId, IEnumerable<string?> values, CancellationToken ct)
    {
        foreach (var value in values.Where(v => !string.IsNullOrWhiteSpace(v) && v.Length >= 3).Distinct())
        {
            await db.Database.ExecuteSqlAsync($"""
                UPDATE audit_events SET detail = replace(detail, {value}, {Erased.Name}) WHERE strpos(detail, {value}) > 0
                """, ct);
            await db.Database.ExecuteSqlAsync($"DELETE FROM notice_logs WHERE email = {value}", ct);
        }

        await db.DataRequests.Where(r => r.SubjectId == subjectId).ExecuteUpdateAsync(u => u.SetProperty(r => r.Details, (string?)null), ct);
        await db.DataRequestCodes.Where(c => c.SubjectId == subjectId).ExecuteDeleteAsync(ct);
    }
}
