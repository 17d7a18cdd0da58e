using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GotaKeren.Testing;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.IntegrationTests.Parallel;

/// <summary>Roster imports: twenty identical commits or cancels at once have one effect.</summary>
public sealed class ParallelRosterRequestsShould(AppFixture app) : IClassFixture<AppFixture>
{
    private const string Header = "NIP;Nama;Unit Kerja;Jabatan;Golongan;Eselon;Status;NIK;E-mail;No. HP";

    [Fact]
    public async Task CommitARosterImportOnceWhenTwentyCommitsArriveAtOnce()
    {
        var regency = await OwnRegency.NewAsync(app);
        var admin = await regency.AdminAsync();
        var id = await PreviewAsync(regency, admin);

        var answers = await TwentyAtOnce.SendAsync(_ => admin.PostAsync($"{regency.Api}/roster/imports/{id}/commit?deactivate=0", null));

        await TwentyAtOnce.AssertOneDoneAsync(answers, HttpStatusCode.Accepted);
        Assert.Equal("committed", (await WaitAsync(regency, admin, id)).GetProperty("status").GetString());
        Assert.Equal(3, await regency.InAsync((db, _) => db.Asn.CountAsync()));
    }

    [Fact]
    public async Task CancelARosterImportOnceWhenTwentyCancelsArriveAtOnce()
    {
        var regency = await OwnRegency.NewAsync(app);
        var admin = await regency.AdminAsync();
        var id = await PreviewAsync(regency, admin);

        var answers = await TwentyAtOnce.SendAsync(_ => admin.PostAsync($"{regency.Api}/roster/imports/{id}/cancel", null));

        await TwentyAtOnce.AssertOneDoneAsync(answers, HttpStatusCode.Accepted);
        Assert.Equal("cancelled", (await admin.GetFromJsonAsync<JsonElement>($"{regency.Api}/roster/imports/{id}")).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync($"{regency.Api}/roster/imports/{id}/commit?deactivate=0", null)).StatusCode);
        Assert.Equal(0, await regency.InAsync((db, _) => db.Asn.CountAsync()));
    }

    private static async Task<Guid> PreviewAsync(OwnRegency regency, HttpClient admin)
    {
        var csv = string.Join('\n', [Header, Row(1, "Budi Santoso", "Dinas Kesehatan"), Row(2, "Siti Aminah", "Dinas Kesehatan"), Row(3, "Agus Wibowo", "Dinas Pendidikan")]) + "\n";
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "roster.csv" },
            { new StringContent("true"), "createMissingOpd" },
            { new StringContent("true"), "fullRoster" },
        };
        var response = await admin.PostAsync($"{regency.Api}/roster/imports", form);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal("preview", (await WaitAsync(regency, admin, id)).GetProperty("status").GetString());
        return id;
    }

    private static async Task<JsonElement> WaitAsync(OwnRegency regency, HttpClient admin, Guid id)
    {
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var state = await admin.GetFromJsonAsync<JsonElement>($"{regency.Api}/roster/imports/{id}");
            if (state.GetProperty("status").GetString() is not ("running" or "committing"))
            {
                return state;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Import {id} did not finish.");
    }

    /// <summary>A PNS with a valid NIP: born 1980-01-01 plus <paramref name="i"/> days, TMT CPNS January 2010.</summary>
    private static string Row(int i, string name, string opd) =>
        $"{new DateOnly(1980, 1, 1).AddDays(i).ToString("yyyyMMdd", CultureInfo.InvariantCulture)}2010011{i % 1000:000};{name};{opd};Staf;III/a;;PNS;;;";
}
