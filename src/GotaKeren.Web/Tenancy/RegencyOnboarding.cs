using System.Globalization;
using System.Text;
using GotaKeren.Web.Data;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Mail;
using GotaKeren.Web.Regions;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace GotaKeren.Web.Tenancy;

/// <summary>
/// A regency joins without a file in tenants/: the platform admin picks it from the region data (a draft no one
/// can reach), invites its admin (an account without a password), and activates it; the invited admins then get
/// their link to set a password. Everything in a regency is done through <see cref="TenantWork"/>, in its scope.
/// </summary>
public sealed class RegencyOnboarding(AppDbContext db, TenantFileImporter importer, TenantCatalog catalog, TenantWork work, MailOutbox outbox, TimeProvider time, ILogger<RegencyOnboarding> logger)
{
    public sealed record Overview(TenantInfo Tenant, int? Workers, int? Asn, int? Companies, DateOnly? CountedMonth, DateTimeOffset? LastActivity, int PendingAdmins);

    public sealed record Admin(string UserName, string FullName, string? Email, bool Activated);

    /// <summary>The slug a regency's name suggests: "Kabupaten Pasaman Barat" is pasaman-barat, "Kota Bandung" kota-bandung.</summary>
    public static string SlugFor(string name)
    {
        var text = name.StartsWith("Kabupaten ", StringComparison.Ordinal) ? name["Kabupaten ".Length..] : name;
        var slug = new StringBuilder();
        foreach (var c in text.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                slug.Append(c);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }

        var result = slug.ToString().Trim('-');
        return result.Length > 63 ? result[..63].TrimEnd('-') : result;
    }

    /// <summary>Creates the draft, or says in words why not (the field is named).</summary>
    public async Task<(Tenant? Tenant, string? Field, string? Error)> CreateDraftAsync(string? regionCode, string? slug, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(regionCode) || !Wilayah.Official.IsRegency(regionCode.Trim()))
        {
            return (null, "RegionCode", "Pilih kabupaten/kota dari daftar wilayah.");
        }

        var region = new Region(regionCode.Trim(), Wilayah.Official.Name(regionCode.Trim())!);
        slug = string.IsNullOrWhiteSpace(slug) ? SlugFor(region.Name) : slug.Trim().ToLowerInvariant();
        if (slug.Length is 0 or > 63 || !System.Text.RegularExpressions.Regex.IsMatch(slug, "^[a-z0-9]+(-[a-z0-9]+)*$"))
        {
            return (null, "Slug", $"Alamat '{slug}' hanya boleh huruf kecil, angka dan tanda hubung (paling panjang 63).");
        }

        var tenants = await catalog.ListAsync(ct);
        if (tenants.FirstOrDefault(t => t.RegionCode == region.Code) is { } same)
        {
            return (null, "RegionCode", $"{region.Name} sudah ada di platform (alamat /t/{same.Slug}, status {Label(same.Status)}).");
        }

        if (tenants.FirstOrDefault(t => t.Slug == slug) is { } taken)
        {
            return (null, "Slug", $"Alamat '{slug}' sudah dipakai oleh {taken.Name}. Pilih alamat lain, misalnya '{slug}-{region.Code[..2]}'.");
        }

        try
        {
            return (await importer.CreateAsync(region, slug, ct), null, null);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another admin took the slug between the check and the insert: the unique index decided.
            db.ChangeTracker.Clear();
            return (null, "Slug", $"Alamat '{slug}' baru saja dipakai kabupaten lain. Pilih alamat lain.");
        }
    }

    /// <summary>
    /// The regency's admin as an account without a password. In an active regency the link leaves now; in a
    /// draft it leaves at activation (the link's page is unreachable until then, and the link lasts two hours).
    /// </summary>
    public async Task<(bool Sent, string Message)> InviteAdminAsync(TenantInfo tenant, string fullName, string email, string regencyUrl, CancellationToken ct)
    {
        var userName = email.Trim().ToLowerInvariant();
        return await work.RunAsync(tenant.Id, async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var user = await users.FindByNameAsync(userName);
            if (user is not null && await users.HasPasswordAsync(user))
            {
                return (false, $"{userName} sudah memiliki akun aktif di {tenant.Name}; bila lupa kata sandi, ia dapat memakai 'Lupa kata sandi'.");
            }

            if (user is null)
            {
                var fresh = new AppUser { UserName = userName, FullName = fullName.Trim(), Email = userName, EmailConfirmed = true };
                // The account and its role in one transaction: a second click waits for both, and Identity's update for
                // the role (which writes every column) cannot land after another click's claim of the invitation.
                await using var transaction = await sp.GetRequiredService<AppDbContext>().Database.BeginTransactionAsync(ct);
                var created = await users.CreateAsync(fresh);
                if (created.Succeeded)
                {
                    if (!(await users.AddToRoleAsync(fresh, Roles.RegencyAdmin)).Succeeded)
                    {
                        return (false, "Undangan gagal: peran Admin Kabupaten tidak dapat diberikan. Silakan coba lagi.");
                    }

                    await transaction.CommitAsync(ct);
                    user = fresh;
                }
                else if (created.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName)) && await users.FindByNameAsync(userName) is { } raced)
                {
                    // Another click made this account a moment ago (the unique name decided): it is the same invitation.
                    user = raced;
                }
                else
                {
                    return (false, "Undangan gagal: " + string.Join(' ', created.Errors.Select(e => e.Description)));
                }
            }

            if (tenant.Status != TenantStatus.Active)
            {
                return (true, $"{fullName.Trim()} ({userName}) diundang sebagai Admin Kabupaten. Tautan aktivasi dikirim ke e-mailnya saat {tenant.Name} diaktifkan.");
            }

            if (!await ClaimInvitationAsync(sp, user))
            {
                return (true, $"Tautan aktivasi baru saja dikirim ke {userName}. Tunggu {ResendAfter.TotalMinutes:0} menit sebelum mengirim ulang.");
            }

            await SendLinkAsync(users, user, tenant, regencyUrl);
            return (true, $"Tautan aktivasi dikirim ke {userName}.");
        }, ct);
    }

    /// <summary>Opens the regency and sends each invited admin still without a password their link.</summary>
    public async Task<int> ActivateAsync(string slug, string regencyUrl, CancellationToken ct)
    {
        var tenant = await db.Tenants.AsNoTracking().FirstAsync(t => t.Slug == slug, ct);
        // A compare-and-set on the status: of twenty clicks on "activate", one opens the regency and sends the links.
        var now = time.GetUtcNow();
        var opened = await db.Tenants.Where(t => t.Id == tenant.Id && t.Status != TenantStatus.Active)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.Status, TenantStatus.Active).SetProperty(t => t.UpdatedAt, now), ct) == 1;
        catalog.Invalidate();
        if (!opened)
        {
            return 0;
        }

        var info = (await catalog.FindByIdAsync(tenant.Id, ct))!;
        return await work.RunAsync(tenant.Id, async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var sent = 0;
            foreach (var admin in await users.GetUsersInRoleAsync(Roles.RegencyAdmin))
            {
                if (admin.Email is not null && !await users.HasPasswordAsync(admin) && await ClaimInvitationAsync(sp, admin))
                {
                    await SendLinkAsync(users, admin, info, regencyUrl);
                    sent++;
                }
            }

            return sent;
        }, ct);
    }

    public Task<IReadOnlyList<Admin>> AdminsAsync(TenantInfo tenant, CancellationToken ct) =>
        work.RunAsync<IReadOnlyList<Admin>>(tenant.Id, async sp =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            return [.. (await users.GetUsersInRoleAsync(Roles.RegencyAdmin)).OrderBy(u => u.UserName)
                .Select(u => new Admin(u.UserName!, u.FullName, u.Email, u.PasswordHash is not null))];
        }, ct);

    /// <summary>
    /// Every regency with its size (the last counted month of its rollup) and last activity (its last audited
    /// event), each read inside that regency's own scope: no tenant filter is switched off.
    /// </summary>
    public async Task<IReadOnlyList<Overview>> OverviewAsync(CancellationToken ct)
    {
        var lines = new List<Overview>();
        foreach (var tenant in await catalog.ListAsync(ct))
        {
            lines.Add(await work.RunAsync(tenant.Id, async sp =>
            {
                var tenantDb = sp.GetRequiredService<AppDbContext>();
                var last = await tenantDb.RegencyMonths.AsNoTracking().OrderByDescending(r => r.Month).FirstOrDefaultAsync(ct);
                var activity = await tenantDb.AuditEvents.MaxAsync(a => (DateTimeOffset?)a.At, ct);
                var pending = await tenantDb.Users.CountAsync(u => u.PasswordHash == null && u.Email != null, ct);
                return new Overview(tenant, last?.WorkersActive + last?.WorkersArrears, last?.AsnActive, last?.CompaniesVerified, last?.Month, activity, pending);
            }, ct));
        }

        return lines;
    }

    public static string Label(TenantStatus status) => status switch
    {
        TenantStatus.Active => "aktif",
        TenantStatus.Draft => "draf",
        _ => "ditangguhkan",
    };

    /// <summary>An invitation link is not sent again sooner than this: a double click or a resent form sends one e-mail.</summary>
    public static readonly TimeSpan ResendAfter = TimeSpan.FromMinutes(1);

    /// <summary>A compare-and-set on the account's last invitation: true for the one caller that may send the link now.</summary>
    private async Task<bool> ClaimInvitationAsync(IServiceProvider scope, AppUser user)
    {
        var now = time.GetUtcNow();
        var since = now - ResendAfter;
        return await scope.GetRequiredService<AppDbContext>().Users.Where(u => u.Id == user.Id && (u.InvitedAt == null || u.InvitedAt < since))
            .ExecuteUpdateAsync(u => u.SetProperty(x => x.InvitedAt, now)) == 1;
    }

    private async Task SendLinkAsync(UserManager<AppUser> users, AppUser user, TenantInfo tenant, string regencyUrl)
    {
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var link = QueryHelpers.AddQueryString($"{regencyUrl}/atur-ulang-sandi", new Dictionary<string, string?> { ["u"] = user.Id.ToString(), ["t"] = token });
        outbox.Post(user.Email!, $"Undangan Admin Kabupaten GotaKeren {tenant.Name}",
            $"Yth. {user.FullName},\n\nAnda diundang menjadi Admin Kabupaten (Disnaker) di GotaKeren {tenant.Name}.\n"
            + $"Nama pengguna Anda: {user.UserName}\n\nBuka tautan berikut dalam 2 jam untuk membuat kata sandi dan mengaktifkan akun Anda (sekali pakai):\n\n{link}\n\n"
            + $"Bila tautan sudah lewat waktu, buka {regencyUrl}/lupa-sandi dan masukkan nama pengguna Anda untuk tautan baru.");
        logger.LogInformation("Admin invitation for {Slug} sent", tenant.Slug);
    }
}
