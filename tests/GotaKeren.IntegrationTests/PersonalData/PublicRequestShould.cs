using System.Net;
using System.Text.RegularExpressions;
using GotaKeren.Testing;
using GotaKeren.Web.Privacy;
using Microsoft.EntityFrameworkCore;

namespace GotaKeren.IntegrationTests.PersonalData;

/// <summary>The public request page tells no one who is registered: the same answer, the same work, the code sent afterwards.</summary>
public sealed partial class PublicRequestShould(AppFixture app) : IClassFixture<AppFixture>
{
    private readonly OfficerDesk desk = new(app);

    [Fact]
    public async Task AnswerAKnownAndAnUnknownPersonAlikeAndSendTheCodeAfterwards()
    {
        var slug = await app.NewRegencyAsync("kendal");
        var subject = (await desk.WorkersAsync(slug, 1))[0];
        var phone = $"+62812{Random.Shared.Next(10_000_000, 99_999_999)}";
        await app.InTenantAsync(slug, (db, _) => db.Workers.Where(w => w.Id == subject.WorkerId).ExecuteUpdateAsync(u => u.SetProperty(w => w.Phone, phone)));

        var (known, knownPage, knownTicket) = await StartAsync(slug, subject.Nik);
        var (unknown, unknownPage, unknownTicket) = await StartAsync(slug, subject.Nik[..^4] + "9999");

        Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.Redirect), (known.StatusCode, unknown.StatusCode));
        Assert.Equal(WithoutTicket(known.Headers.Location!.OriginalString, knownTicket), WithoutTicket(unknown.Headers.Location!.OriginalString, unknownTicket));
        Assert.Equal(WithoutTicket(knownPage, knownTicket), WithoutTicket(unknownPage, unknownTicket));
        Assert.Contains("Bila nomor Anda terdaftar", knownPage, StringComparison.Ordinal);
        // The same work for both: one queued job each; only the known person's sends a code.
        var jobs = await app.InTenantAsync(slug, (db, _) => db.BackgroundJobs.AsNoTracking().Where(j => j.Kind == DataRequestCodeJob.Kind).Select(j => j.Key).ToListAsync());
        Assert.Contains($"{DataRequestCodeJob.Kind}:{knownTicket}", jobs);
        Assert.Contains($"{DataRequestCodeJob.Kind}:{unknownTicket}", jobs);

        var code = Regex.Match((await app.Sms.WaitForAsync(phone)).Message, "[0-9]{6}").Value;
        var visitor = app.CreateBrowserlessClient();
        var next = $"/t/{slug}/hak-data?tiket={knownTicket}";
        var confirmed = await visitor.PostFormAsync(next, new Dictionary<string, string> { ["Code"] = code }, next + "&handler=Confirm");

        Assert.Contains("tercatat", WebUtility.HtmlDecode(await confirmed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var (requests, codes) = await app.InTenantAsync(slug, async (db, _) => (
            await db.DataRequests.AsNoTracking().CountAsync(r => r.SubjectId == subject.WorkerId),
            await db.DataRequestCodes.AsNoTracking().CountAsync(c => c.Id == unknownTicket)));
        Assert.Equal((1, 0), (requests, codes));
    }

    private async Task<(HttpResponseMessage Response, string Page, Guid Ticket)> StartAsync(string slug, string nik)
    {
        var visitor = app.CreateBrowserlessClient();
        var response = await visitor.PostFormAsync($"/t/{slug}/hak-data", new Dictionary<string, string>
        {
            ["Input.SubjectKind"] = "worker", ["Input.Identifier"] = nik, ["Input.Kind"] = "Access", ["Input.Details"] = "Saya ingin tahu data saya.",
        }, $"/t/{slug}/hak-data?handler=Send");
        var location = response.Headers.Location!.OriginalString;
        var ticket = Guid.Parse(TicketPattern().Match(location).Groups[1].Value);
        var page = WebUtility.HtmlDecode(await visitor.GetStringAsync(location));
        // The antiforgery token and the CSP nonce differ per request; they are not part of the answer.
        return (response, NoncePattern().Replace(AntiforgeryPattern().Replace(page, ""), ""), ticket);
    }

    private static string WithoutTicket(string text, Guid ticket) => text.Replace(ticket.ToString(), "TIKET", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("tiket=([0-9a-f-]{36})")]
    private static partial Regex TicketPattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*>")]
    private static partial Regex AntiforgeryPattern();

    [GeneratedRegex("nonce=\"[^\"]*\"")]
    private static partial Regex NoncePattern();
}
