using GotaKeren.IntegrationTests.Contributions;
using GotaKeren.IntegrationTests.Edge;
using GotaKeren.IntegrationTests.Payments;

namespace GotaKeren.IntegrationTests.Parallel;

/// <summary>What a catalogue entry says about twenty identical requests at once.</summary>
public abstract record StateChangeEntry;

/// <summary>A test ("Class.Method") fires twenty at once and finds exactly one effect and no 500.</summary>
public sealed record Tested(string Test) : StateChangeEntry;

/// <summary>The handler calls the same service method, with the same arguments, as the endpoint <paramref name="Key"/>, whose test covers it.</summary>
public sealed record SameAs(string Key, string Why) : StateChangeEntry;

/// <summary>Parallel repeats cannot double an effect, for the reason given.</summary>
public sealed record Exempt(string Reason) : StateChangeEntry;

/// <summary>Not yet tested: the guard lists these in its output so the gap stays visible.</summary>
public sealed record Untested(string Risk) : StateChangeEntry;

/// <summary>
/// Every state-changing endpoint and page handler, and why twenty identical requests at once have one effect.
/// <see cref="StateChangesShould"/> fails on any endpoint missing here.
/// </summary>
public static class StateChangeCatalogue
{
    private static Tested T(string type, string method) => new($"{type}.{method}");

    private const string Api = "/t/{tenant}/api/v1";

    public static readonly IReadOnlyDictionary<string, StateChangeEntry> Entries = new Dictionary<string, StateChangeEntry>(StringComparer.Ordinal)
    {
        // ---- Minimal API ----
        ["POST /api/v1/auth/token"] = new Exempt("issues a bearer token: no stored state beyond the sign-in's own audit row (one per sign-in, by design) and the lockout counter"),
        [$"POST {Api}/auth/token"] = new Exempt("issues a bearer token: no stored state beyond the sign-in's own audit row (one per sign-in, by design) and the lockout counter"),
        [$"POST {Api}/benefits/"] = T(nameof(ParallelMoneyRequestsShould), nameof(ParallelMoneyRequestsShould.RecordABenefitOnceWhenTwentyIdenticalRecordsArriveAtOnce)),
        [$"POST {Api}/bpjs/kpj"] = T(nameof(ParallelMoneyRequestsShould), nameof(ParallelMoneyRequestsShould.KeepOneBpjsFileWhenTwentyUploadsOfItArriveAtOnce)),
        [$"POST {Api}/bpjs/kpj/{{id:guid}}/commit"] = T(nameof(BpjsFilesShould), nameof(BpjsFilesShould.ReadKpjNumbersOnceListStrangersAndRefuseADamagedFileWhole)),
        [$"POST {Api}/bpjs/confirmations"] = T(nameof(ParallelMoneyRequestsShould), nameof(ParallelMoneyRequestsShould.KeepOneBpjsFileWhenTwentyUploadsOfItArriveAtOnce)),
        [$"POST {Api}/bpjs/confirmations/{{id:guid}}/commit"] = T(nameof(BpjsFilesShould), nameof(BpjsFilesShould.ConfirmOnlyPaidMonthsOfTheRightAmountAndListEveryOtherRow)),
        [$"POST {Api}/bpjs/remittances"] = T(nameof(ParallelMoneyRequestsShould), nameof(ParallelMoneyRequestsShould.RecordAMonthsRemittanceOnceWhenTwentyArriveAtOnce)),
        [$"POST {Api}/companies"] = T(nameof(ParallelCompanyRequestsShould), nameof(ParallelCompanyRequestsShould.RegisterACompanyOnceWhenTwentyRegistrationsOfOneNpwpArriveAtOnce)),
        [$"POST {Api}/companies/{{id:guid}}/verify"] = T(nameof(ParallelCompanyRequestsShould), nameof(ParallelCompanyRequestsShould.DecideOnAPendingCompanyOnceWhenTwentyVerificationsArriveAtOnce)),
        [$"POST {Api}/companies/{{id:guid}}/pledges"] = T(nameof(ParallelCompanyRequestsShould), nameof(ParallelCompanyRequestsShould.PledgeOnceWhenTwentyIdenticalPledgesArriveAtOnce)),
        [$"POST {Api}/pledges/{{id:guid}}/cancel"] = T(nameof(ParallelClicksShould), nameof(ParallelClicksShould.CancelAPledgeOnceWhateverTheClicks)),
        [$"POST {Api}/contributions/cycles"] = T(nameof(ContributionsShould), nameof(ContributionsShould.StartAMonthOnceFromTheApiAndSummariseItByUnitChannelAndCompanies)),
        [$"POST {Api}/deductions/{{month}}/issue"] = T(nameof(DeductionsShould), nameof(DeductionsShould.IssueEachUnitsListOnceWithEveryOpenMonthAndLockIt)),
        [$"POST {Api}/deductions/{{month}}/results"] = T(nameof(DeductionsShould), nameof(DeductionsShould.ReconcileExactShortOverAndMissingDeductionsAllOrNothingAndTellTheAsn)),
        [$"POST {Api}/deductions/{{month}}/results/{{id:guid}}/commit"] = T(nameof(DeductionsShould), nameof(DeductionsShould.ReconcileExactShortOverAndMissingDeductionsAllOrNothingAndTellTheAsn)),
        [$"POST {Api}/payments"] = T(nameof(ContributionsShould), nameof(ContributionsShould.RecordAPaymentPostedManyTimesAtOnceOnlyOnce)),
        [$"POST {Api}/payments/checkout"] = T(nameof(OnlinePaymentsShould), nameof(OnlinePaymentsShould.OpenOneStripeSessionForADoubleClickOnPay)),
        [$"POST {Api}/payments/webhooks/{{provider}}"] = T(nameof(OnlinePaymentsShould), nameof(OnlinePaymentsShould.ApplyTheSameEventTwentyTimesAtOnceAndLateEventsOnlyOnce)),
        [$"POST {Api}/roster/imports"] = new Exempt("stores the upload as a preview of its own, which changes no ASN; committing one is the effect, a compare-and-set on its status (tested for commit)"),
        [$"POST {Api}/roster/imports/{{id:guid}}/commit"] = T(nameof(ParallelRosterRequestsShould), nameof(ParallelRosterRequestsShould.CommitARosterImportOnceWhenTwentyCommitsArriveAtOnce)),
        [$"POST {Api}/roster/imports/{{id:guid}}/cancel"] = T(nameof(ParallelRosterRequestsShould), nameof(ParallelRosterRequestsShould.CancelARosterImportOnceWhenTwentyCancelsArriveAtOnce)),
        [$"POST {Api}/workers"] = T(nameof(ParallelProtectionRequestsShould), nameof(ParallelProtectionRequestsShould.RegisterAWorkerOnceWhenTwentyRegistrationsOfOneNikArriveAtOnce)),
        [$"POST {Api}/workers/{{id:guid}}/consents"] = T(nameof(ParallelProtectionRequestsShould), nameof(ParallelProtectionRequestsShould.RecordConsentEvidenceOnceWhenTwentyUploadsArriveAtOnce)),
        [$"POST {Api}/workers/{{id:guid}}/consents/withdraw"] = T(nameof(ParallelClicksShould), nameof(ParallelClicksShould.WithdrawAConsentOnceWhateverTheClicks)),
        [$"POST {Api}/sponsorships"] = T(nameof(ParallelProtectionRequestsShould), nameof(ParallelProtectionRequestsShould.SponsorAWorkerOnceWhenTwentySponsorshipsArriveAtOnce)),
        [$"POST {Api}/sponsorships/{{id:guid}}/activate"] = T(nameof(ParallelProtectionRequestsShould), nameof(ParallelProtectionRequestsShould.ActivateASponsorshipOnceWhenTwentyActivationsArriveAtOnce)),
        [$"POST {Api}/sponsorships/{{id:guid}}/consent-code"] = T(nameof(ParallelProtectionRequestsShould), nameof(ParallelProtectionRequestsShould.SendOneConsentCodeSmsWhenTwentyRequestsArriveAtOnce)),
        [$"POST {Api}/sponsorships/{{id:guid}}/consent-code/confirm"] = T(nameof(ParallelProtectionRequestsShould), nameof(ParallelProtectionRequestsShould.ConfirmAConsentCodeOnceWhenTwentyConfirmationsArriveAtOnce)),
        [$"POST {Api}/sponsorships/{{id:guid}}/end"] = T(nameof(ParallelProtectionRequestsShould), nameof(ParallelProtectionRequestsShould.EndASponsorshipOnceWhenTwentyEndingsArriveAtOnce)),

        // ---- Razor Pages ----
        ["/Awards/Pages/Awards?handler=DeleteMover"] = T(nameof(ParallelPageRequestsShould), nameof(ParallelPageRequestsShould.DeleteAMoverOnceWhenTwentyDeletesArriveAtOnce)),
        ["/Awards/Pages/EditMover"] = T(nameof(ParallelPageRequestsShould), nameof(ParallelPageRequestsShould.RecordAMoverOnceWhenTheSameFormArrivesTwentyTimesAtOnce)),
        ["/Bpjs/Pages/BpjsDesk?handler=Profile"] = T(nameof(ParallelPageRequestsShould), nameof(ParallelPageRequestsShould.KeepOneBpjsColumnProfileWhenTwentySavesArriveAtOnce)),
        ["/Bpjs/Pages/BpjsDesk?handler=Upload"] = new SameAs($"POST {Api}/bpjs/kpj", "BpjsFiles.PreviewAsync, as the API upload"),
        ["/Bpjs/Pages/BpjsDesk?handler=Commit"] = new SameAs($"POST {Api}/bpjs/kpj/{{id:guid}}/commit", "BpjsFiles.CommitAsync, as the API commit"),
        ["/Bpjs/Pages/BpjsDesk?handler=Remittance"] = new SameAs($"POST {Api}/bpjs/remittances", "BpjsExchange.RecordRemittanceAsync, as the API"),
        ["/Companies/Pages/ManageCompanies?handler=Verify"] = new SameAs($"POST {Api}/companies/{{id:guid}}/verify", "CompanyDesk.VerifyAsync, as the API"),
        ["/Companies/Pages/ManageCompanies?handler=Activate"] = new SameAs($"POST {Api}/sponsorships/{{id:guid}}/activate", "Sponsorships.ActivateAsync, as the API"),
        ["/Companies/Pages/ManageCompanies?handler=End"] = new SameAs($"POST {Api}/sponsorships/{{id:guid}}/end", "Sponsorships.EndAsync, as the API"),
        ["/Companies/Pages/MyCompany?handler=Pledge"] = new SameAs($"POST {Api}/companies/{{id:guid}}/pledges", "CompanyDesk.PledgeAsync, as the API"),
        ["/Companies/Pages/RegisterCompany"] = new Untested("registers a company and its officer's account in one transaction"),
        ["/Contributions/Pages/CompanyAccount"] = new SameAs($"POST {Api}/payments", "PaymentDesk.RecordAsync, as the API"),
        ["/Contributions/Pages/Cycles?handler=Run"] = T(nameof(ParallelPageRequestsShould), nameof(ParallelPageRequestsShould.RunAMonthsContributionsOnceWhenTwentyRunsArriveAtOnce)),
        ["/Contributions/Pages/Deductions?handler=Issue"] = new SameAs($"POST {Api}/deductions/{{month}}/issue", "DeductionLists.IssueAsync, as the API"),
        ["/Contributions/Pages/Deductions?handler=Upload"] = new SameAs($"POST {Api}/deductions/{{month}}/results", "DeductionResults.PreviewAsync, as the API"),
        ["/Contributions/Pages/Deductions?handler=Commit"] = new SameAs($"POST {Api}/deductions/{{month}}/results/{{id:guid}}/commit", "DeductionResults.CommitAsync, as the API"),
        ["/Documents/Pages/EditTemplate?handler=Preview"] = new Exempt("renders the posted template text into a preview: writes nothing"),
        ["/Documents/Pages/EditTemplate?handler=Save"] = T(nameof(ParallelPageRequestsShould), nameof(ParallelPageRequestsShould.SaveOneTemplateVersionWhenTwentySavesOfTheSameTextArriveAtOnce)),
        ["/Identity/Pages/ActivateAccount"] = new Untested("creates an ASN's account from an activation code: twenty clicks could try twenty accounts"),
        ["/Identity/Pages/ForgotPassword"] = new Exempt("each request is its own request for a reset link (an e-mail each, as asked); guessing is bounded by the codes rate limit, and no stored state changes"),
        ["/Identity/Pages/ResetPassword"] = new Untested("sets a password from an e-mailed token: parallel uses of one token"),
        ["/Impact/Pages/BenefitsRegister"] = new SameAs($"POST {Api}/benefits/", "Benefits.RecordAsync, as the API"),
        ["/Organisation/Pages/ActivationCodes"] = new Untested("issues activation codes for a unit's ASN"),
        ["/Organisation/Pages/AsnDetail?handler=Unmask"] = new Exempt("logs that someone looked at an ASN's full NIK: every look is its own event by design, nothing else changes"),
        ["/Organisation/Pages/OpdUnitDetail?handler=Edit"] = new Untested("edits a unit (name key is unique)"),
        ["/Organisation/Pages/OpdUnitDetail?handler=Role"] = new Untested("grants or removes a role"),
        ["/Organisation/Pages/OpdUnitDetail?handler=ResetCode"] = new Untested("issues a new activation code for one ASN"),
        ["/Organisation/Pages/OpdUnits?handler=Create"] = T(nameof(ParallelPageRequestsShould), nameof(ParallelPageRequestsShould.CreateAUnitOnceWhenTwentyCreatesArriveAtOnce)),
        ["/Organisation/Pages/OpdUnits?handler=Invite"] = new Untested("e-mails activation codes to a unit's ASN: twenty clicks could send twenty each"),
        ["/Organisation/Pages/OpdUnits?handler=Import"] = new Untested("imports units from a file"),
        ["/Organisation/Pages/OpdUnits?handler=Toggle"] = new Exempt("the button posts the state it shows (active=true/false), so repeats set the same value; only a hand-made request without it flips"),
        ["/Payments/Pages/Pay"] = new SameAs($"POST {Api}/payments/checkout", "OnlineCheckouts.StartAsync, as the API checkout"),
        ["/Payments/Pages/SandboxCheckout?handler=Pay"] = new SameAs($"POST {Api}/payments/webhooks/{{provider}}", "PaymentInbox.ReceiveAsync with the sandbox provider's event, as the webhook"),
        ["/Payments/Pages/SandboxCheckout?handler=Fail"] = new SameAs($"POST {Api}/payments/webhooks/{{provider}}", "PaymentInbox.ReceiveAsync with the sandbox provider's event, as the webhook"),
        ["/Privacy/Pages/Breaches"] = T(nameof(ParallelPageRequestsShould), nameof(ParallelPageRequestsShould.RecordABreachOnceWhenTheSameFormArrivesTwentyTimesAtOnce)),
        ["/Privacy/Pages/Breaches?handler=Sent"] = T(nameof(ParallelPageRequestsShould), nameof(ParallelPageRequestsShould.StampABreachNoticeSentOnceWhenTwentyStampsArriveAtOnce)),
        ["/Privacy/Pages/DataRequestDetail?handler=Correct"] = new Untested("corrects a worker's data and closes the request"),
        ["/Privacy/Pages/DataRequestDetail?handler=Erase"] = new Untested("erases a person's data and closes the request"),
        ["/Privacy/Pages/DataRequestDetail?handler=Withdraw"] = new Untested("withdraws consent and closes the request"),
        ["/Privacy/Pages/DataRequestDetail?handler=Close"] = new Untested("closes (or refuses) a request"),
        ["/Privacy/Pages/DataRequestDetail?handler=Restrict"] = T(nameof(PersonalData.RestrictionShould), nameof(PersonalData.RestrictionShould.GrantARestrictionOnceWhenTwentyClicksOnTwoRequestsArriveAtOnce)),
        ["/Privacy/Pages/DataRequestDetail?handler=Lift"] = new Untested("lifts a worker's, ASN's or company contact's restriction: a conditional UPDATE on the request that granted it (another request's lift is refused, tested); no 20-at-once test yet"),
        ["/Privacy/Pages/DataRequests"] = T(nameof(ParallelPageRequestsShould), nameof(ParallelPageRequestsShould.RecordADataRequestOnceWhenTheSameFormArrivesTwentyTimesAtOnce)),
        ["/Privacy/Pages/PublicRequest?handler=Send"] = new Untested("sends a one-time code to the person asking"),
        ["/Privacy/Pages/PublicRequest?handler=Confirm"] = new Untested("records a data request from a code (conditional UPDATE ... WHERE used_at IS NULL)"),
        ["/Privacy/Pages/RetentionPage"] = T(nameof(ParallelPageRequestsShould), nameof(ParallelPageRequestsShould.KeepOneRetentionSettingsRowWhenTwentySavesArriveAtOnce)),
        ["/Protection/Pages/ConfirmDeductions?handler=Confirm"] = new SameAs($"POST {Api}/sponsorships/{{id:guid}}/activate", "Sponsorships.ActivateAsync, as the API"),
        ["/Protection/Pages/ConfirmDeductions?handler=Return"] = T(nameof(ParallelClicksShould), nameof(ParallelClicksShould.ReturnAStatementOnceWhateverTheClicks)),
        ["/Protection/Pages/ImportWorkers"] = new Untested("stores an uploaded worker pool for preview (WorkerImporter.UploadAsync); not yet read for a content dedupe"),
        ["/Protection/Pages/ImportWorkers?handler=Commit"] = T(nameof(WorkerPoolImportShould), nameof(WorkerPoolImportShould.SaveTheFileOnceWhenCommitIsClickedManyTimesAtOnce)),
        ["/Protection/Pages/MySponsorships?handler=Resubmit"] = T(nameof(ParallelPageRequestsShould), nameof(ParallelPageRequestsShould.HandAReturnedStatementInOnceWhenTwentyResubmitsArriveAtOnce)),
        ["/Protection/Pages/RegisterWorker"] = new Untested("registers a worker, sponsors and records consent in one transaction"),
        ["/Protection/Pages/SponsorshipDetail?handler=Consent"] = new SameAs($"POST {Api}/workers/{{id:guid}}/consents", "Consents.RecordConsentAsync, as the API"),
        ["/Protection/Pages/SponsorshipDetail?handler=SendCode"] = new SameAs($"POST {Api}/sponsorships/{{id:guid}}/consent-code", "Consents.SendConsentCodeAsync, as the API"),
        ["/Protection/Pages/SponsorshipDetail?handler=ConfirmCode"] = new SameAs($"POST {Api}/sponsorships/{{id:guid}}/consent-code/confirm", "Consents.ConfirmConsentCodeAsync, as the API"),
        ["/Protection/Pages/SponsorshipDetail?handler=End"] = new SameAs($"POST {Api}/sponsorships/{{id:guid}}/end", "Sponsorships.EndAsync, as the API"),
        ["/Protection/Pages/SponsorshipDetail?handler=Payment"] = new SameAs($"POST {Api}/payments", "PaymentDesk.RecordAsync, as the API"),
        ["/Protection/Pages/WaitingList"] = new SameAs($"POST {Api}/sponsorships", "Sponsorships.SponsorAsync, as the API"),
        ["/Protection/Pages/WorkerDetail?handler=Unmask"] = new Exempt("logs that someone looked at a worker's full NIK: every look is its own event by design, nothing else changes"),
        ["/Roster/Pages/RosterImports"] = new Exempt("RosterUploads.StartAsync, as the API upload: stores a preview of its own, which changes no ASN; committing is the effect"),
        ["/Roster/Pages/RosterImportDetail?handler=Commit"] = new SameAs($"POST {Api}/roster/imports/{{id:guid}}/commit", "RosterUploads.CommitAsync, as the API"),
        ["/Roster/Pages/RosterImportDetail?handler=Cancel"] = new SameAs($"POST {Api}/roster/imports/{{id:guid}}/cancel", "RosterUploads.CancelAsync, as the API"),
        ["/Rules/Pages/EditRulesDraft"] = new Untested("saves the draft (updated_at is a concurrency token)"),
        ["/Rules/Pages/RulesHistory?handler=Draft"] = T(nameof(ParallelPageRequestsShould), nameof(ParallelPageRequestsShould.OpenOneRulesDraftWhenTwentyAdminsOpenItAtOnce)),
        ["/Rules/Pages/ViewRulesVersion?handler=Submit"] = T(nameof(ParallelPageRequestsShould), nameof(ParallelPageRequestsShould.SubmitARulesDraftOnceWhenTwentySubmitsArriveAtOnce)),
        ["/Rules/Pages/ViewRulesVersion?handler=SendBack"] = new Untested("sends the draft back to the admin"),
        ["/Rules/Pages/ViewRulesVersion?handler=Publish"] = new Untested("publishes the draft"),
        ["/Shell/Pages/Error"] = new Exempt("renders the error page: writes nothing"),
        ["/Shell/Pages/SignIn"] = new Exempt("creates only a session (and the sign-in's own audit row, one per sign-in by design)"),
        ["/Shell/Pages/SignOut"] = new Exempt("ends the session (and writes the sign-out's own audit row): a repeat ends nothing more"),
        ["/Tenancy/Pages/NewRegency"] = new Untested("creates a draft regency (slug is unique)"),
        ["/Tenancy/Pages/PlatformRegencies"] = new Untested("activates a regency and invites its admin"),
        ["/Tenancy/Pages/PlatformRegency?handler=Invite"] = new Untested("invites a regency admin by e-mail"),
    };
}
