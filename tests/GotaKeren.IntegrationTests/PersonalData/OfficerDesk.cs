using System.Net;
using GotaKeren.IntegrationTests.Contributions;
using GotaKeren.Testing;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Privacy;
using GotaKeren.Web.Rules;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;
using Npgsql;

namespace GotaKeren.IntegrationTests.PersonalData;

/// <summary>What the personal-data tests share: a regency of the test's own, its officer, a worker with a name that is theirs alone, a request recorded.</summary>
internal sealed class OfficerDesk(AppFixture app)
{
    private const string Password = "Sandi#Uji2026";

    public sealed record Subject(Guid WorkerId, Guid SponsorshipId, string Nik, string Name, string VillageCode, Guid AsnId);

    /// <summary>Workers under one ASN, active this month (so the BPJS registration batch wants them), each with a unique name.</summary>
    public async Task<List<Subject>> WorkersAsync(string slug, int count)
    {
        var seeded = await new MoneySeed(app).SeedAsync(slug, count, PaymentChannel.AsnDirect, activeFrom: MoneySeed.ThisMonth);
        return await app.InTenantAsync(slug, async (db, _) =>
        {
            var subjects = new List<Subject>();
            foreach (var sponsorship in seeded.Sponsorships)
            {
                var workerId = await db.Sponsorships.Where(s => s.Id == sponsorship).Select(s => s.WorkerId).SingleAsync();
                var name = $"Sumirah {Guid.NewGuid():N}"[..16];
                await db.Workers.Where(w => w.Id == workerId).ExecuteUpdateAsync(u => u.SetProperty(w => w.FullName, name).SetProperty(w => w.NameKey, name.ToLowerInvariant()));
                var worker = await db.Workers.AsNoTracking().SingleAsync(w => w.Id == workerId);
                subjects.Add(new Subject(workerId, sponsorship, worker.Nik, name, worker.VillageCode, seeded.AsnId));
            }

            return subjects;
        });
    }

    /// <summary>The regency admin (the officer who answers requests), created once per regency, signed in on a cookie client.</summary>
    public async Task<HttpClient> AdminAsync(string slug)
    {
        var userName = $"admin.{slug}";
        await app.InTenantAsync(slug, async (_, sp) =>
        {
            var users = sp.GetRequiredService<UserManager<AppUser>>();
            if (await users.FindByNameAsync(userName) is null)
            {
                var user = new AppUser { UserName = userName, FullName = "Petugas PDP" };
                Assert.True((await users.CreateAsync(user, Password)).Succeeded);
                Assert.True((await users.AddToRoleAsync(user, Roles.RegencyAdmin)).Succeeded);
            }
        });
        var client = app.CreateBrowserlessClient();
        await client.SignInOrFailAsync($"/t/{slug}", userName, Password);
        return client;
    }

    /// <summary>Records a request as the officer does at the counter and returns its id.</summary>
    public async Task<Guid> RecordAsync(HttpClient admin, string slug, string subjectKind, string identifier, DataRequestKind kind, Guid subjectId)
    {
        var response = await admin.PostFormAsync($"/t/{slug}/permintaan-data", new Dictionary<string, string>
        {
            ["Input.SubjectKind"] = subjectKind, ["Input.Identifier"] = identifier, ["Input.Kind"] = kind.ToString(), ["Input.IdentityCheck"] = "KTP asli diperlihatkan di kantor",
            ["Input.Details"] = "",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return await app.InTenantAsync(slug, (db, _) => db.DataRequests.Where(r => r.SubjectId == subjectId && r.Kind == kind).OrderByDescending(r => r.Number).Select(r => r.Id).FirstAsync());
    }

    /// <summary>Posts a handler of a request's page.</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient admin, string slug, Guid request, string handler, Dictionary<string, string>? fields = null) =>
        admin.PostFormAsync($"/t/{slug}/permintaan-data/{request}", fields ?? [], $"/t/{slug}/permintaan-data/{request}?handler={handler}");

    /// <summary>Every text column of every table (as the owner, past row-level security) that still holds one of the values.</summary>
    public async Task<List<string>> TextColumnsHoldingAsync(params string[] values)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var columns = new List<(string Table, string Column)>();
        await using (var list = new NpgsqlCommand("""
            SELECT table_name, column_name FROM information_schema.columns
            WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json')
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var found = new List<string>();
        foreach (var (table, column) in columns)
        {
            foreach (var value in values)
            {
                await using var probe = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\" WHERE strpos(lower(\"{column}\"::text), lower(@v)) > 0", connection);
                probe.Parameters.AddWithValue("v", value);
                if ((long)(await probe.ExecuteScalarAsync())! > 0)
                {
                    found.Add($"{table}.{column} holds '{value}'");
                }
            }
        }

        return found;
    }

    public static async Task<List<string>> NiksInAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        return [.. stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().Select(r => Convert.ToString(r["NIK"], System.Globalization.CultureInfo.InvariantCulture) ?? "")];
    }
}
