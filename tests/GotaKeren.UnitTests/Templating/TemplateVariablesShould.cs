using GotaKeren.Templating;
using GotaKeren.Templating.Documents;

namespace GotaKeren.UnitTests.Templating;

public sealed class TemplateVariablesShould
{
    [Fact]
    public void NameEveryVariableAsTheTemplateWritesIt()
    {
        var variables = TemplateVariables.Describe(SampleModels.SponsorCertificate).ToDictionary(v => v.Path);

        Assert.Equal(SampleModels.SponsorCertificate.SponsorName, variables["sponsor_name"].Example);
        Assert.Contains("letterhead.regency_name", variables.Keys);
    }

    [Fact]
    public void DescribeTheMembersOfEachItemOfAList()
    {
        var variables = TemplateVariables.Describe(SampleModels.SalaryDeductionStatement);

        Assert.Contains(variables, v => v.Path == "workers" && v.IsList);
        Assert.Contains(variables, v => v.Path == "workers[].masked_nik");
    }

    [Fact]
    public async Task OfferOnlyNamesTheRendererKnows()
    {
        // The renderer's variables are strict: a name it does not know is an error, so each listed one is real.
        var renderer = new TemplateRenderer();
        foreach (var variable in TemplateVariables.Describe(SampleModels.SponsorCertificate).Where(v => !v.IsList && !v.Path.Contains("[]", StringComparison.Ordinal)))
        {
            var result = await renderer.RenderTextAsync("uji", $"{{{{ {variable.Path} }}}}", SampleModels.SponsorCertificate, new DelegateTemplateSource((_, _) => ValueTask.FromResult<string?>(null)));
            Assert.True(result.Errors.Count == 0, $"{variable.Path}: {string.Join("; ", result.Errors.Select(e => e.Message))}");
        }
    }
}
