using GotaKeren.Web.Api;
using GotaKeren.Web.Awards;
using GotaKeren.Web.Bpjs;
using GotaKeren.Web.Companies;
using GotaKeren.Web.Compliance;
using GotaKeren.Web.Contributions;
using GotaKeren.Web.Data;
using GotaKeren.Web.Documents;
using GotaKeren.Web.Identity;
using GotaKeren.Web.Impact;
using GotaKeren.Web.Jobs;
using GotaKeren.Web.Mail;
using GotaKeren.Web.Payments;
using GotaKeren.Web.Picture;
using GotaKeren.Web.Privacy;
using GotaKeren.Web.Protection;
using GotaKeren.Web.Roster;
using GotaKeren.Web.Rules;
using GotaKeren.Web.Shell;
using GotaKeren.Web.Tenancy;

var builder = WebApplication.CreateBuilder(args);

builder.AddDatabase();
builder.AddTenancy();
builder.AddJobs();
builder.AddMessaging();
builder.AddIdentityAndAccess();
builder.AddWebShell();
builder.AddEdgeProtection();
builder.AddRules();
builder.AddDocuments();
builder.AddRoster();
builder.AddProtection();
builder.AddCompliance();
builder.AddCompanies();
builder.AddContributions();
builder.AddPayments();
builder.AddBpjs();
builder.AddImpact();
builder.AddPicture();
builder.AddAwards();
builder.AddPrivacy();
builder.AddApi();

var app = builder.Build();

if (await app.MigrateOnlyAsync(args))
{
    return;
}

app.UseEdgeProtection();
app.UseWebShell();
app.UseTenancy();
app.UseIdentityAndAccess();
app.UseRateLimits();

app.MapWebShell();
app.MapApi();

await app.RunAsync();

public partial class Program;
