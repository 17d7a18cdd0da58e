using GotaKeren.Web.Tenancy;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GotaKeren.Web.Pages;

[AnyScope]
public sealed class AksesDitolakModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
