using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace GotaKeren.Web.Shell;

/// <summary>
/// Pages live in their capability's folder (<c>Protection/Pages/RegisterWorker.cshtml</c>) and write their
/// Indonesian URL on the page (<c>@page "/perlindungan/daftar"</c>). A page without an absolute URL would answer
/// at its folder path (<c>/protection/pages/registerworker</c>); that stops the start instead.
/// </summary>
public sealed class PageUrlConvention : IPageRouteModelConvention
{
    public void Apply(PageRouteModel model)
    {
        var folder = model.ViewEnginePath[1..model.ViewEnginePath.LastIndexOf('/')];
        if (folder.Length == 0)
        {
            return;
        }

        foreach (var selector in model.Selectors)
        {
            var template = selector.AttributeRouteModel?.Template ?? "";
            if (template.Equals(folder, StringComparison.OrdinalIgnoreCase) || template.StartsWith(folder + "/", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"Page {model.ViewEnginePath} has no URL of its own: write it on the page as an absolute route, e.g. @page \"/contoh\".");
            }
        }
    }
}
