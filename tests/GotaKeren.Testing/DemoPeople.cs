using GotaKeren.Web.Identity;
using GotaKeren.Web.Organisation;
using GotaKeren.Web.Rules;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace GotaKeren.Testing;

/// <summary>
/// Tests run without the generated demo roster; this makes the demo accounts <c>asn.{slug}</c> and
/// <c>bendahara.{slug}</c> people of the regency's health office, as the demo roster does.
/// </summary>
public static class DemoPeople
{
    public const string AsnName = "Dwi Astuti";

    /// <summary>The roster id of <c>asn.{slug}</c>; safe to call again.</summary>
    public static Task<Guid> LinkAsync(AppFixture app, string slug) =>
        app.InTenantAsync(slug, async (db, sp) =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            var opd = await db.OpdUnits.FirstOrDefaultAsync(o => o.NameKey == "dinas kesehatan");
            if (opd is null)
            {
                opd = new OpdUnit { Id = Guid.CreateVersion7(), Name = "Dinas Kesehatan", NameKey = "dinas kesehatan", HeadName = "dr. Bambang Santoso", CreatedAt = DateTimeOffset.UtcNow };
                db.OpdUnits.Add(opd);
            }

            var asnUser = (await users.FindByNameAsync($"asn.{slug}"))!;
            var asn = await db.Asn.FirstOrDefaultAsync(a => a.UserId == asnUser.Id);
            if (asn is null)
            {
                asn = new Asn
                {
                    Id = Guid.CreateVersion7(), Nip = "198507142010012015", Name = AsnName, Category = AsnCategory.Pns, OpdId = opd.Id,
                    Position = "Perawat Ahli Muda", Rank = "III/c", UserId = asnUser.Id, UpdatedAt = DateTimeOffset.UtcNow,
                };
                db.Asn.Add(asn);
                db.Asn.Add(new Asn { Id = Guid.CreateVersion7(), Nip = "199001012015031001", Name = "Rekan Kerja", Category = AsnCategory.Pns, OpdId = opd.Id, UpdatedAt = DateTimeOffset.UtcNow });
            }

            await db.SaveChangesAsync();
            // As the demo roster does (DemoAccounts): the account carries the roster's name, shown in the menu.
            if (asnUser.FullName != AsnName)
            {
                asnUser.FullName = AsnName;
                await users.UpdateAsync(asnUser);
            }

            var treasurer = (await users.FindByNameAsync($"bendahara.{slug}"))!;
            if (treasurer.OpdId != opd.Id)
            {
                treasurer.OpdId = opd.Id;
                await users.UpdateAsync(treasurer);
            }

            return asn.Id;
        });
}
