using GotaKeren.Web.Protection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace GotaKeren.UnitTests.Protection;

public sealed class NikHasherShould
{
    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "GotaKeren.Web";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    private static readonly string Key = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    [Fact]
    public void HashTheSameNikTheSameWayUnderOneKeyAndDifferentlyUnderAnother()
    {
        var production = new Environment("Production");
        var one = new NikHasher(Options.Create(new ProtectionOptions { NikHashKey = Key }), production);
        var other = new NikHasher(Options.Create(new ProtectionOptions { NikHashKey = Convert.ToBase64String(new byte[32]) }), production);

        Assert.Equal(one.Hash("3311011205800001"), one.Hash("3311011205800001"));
        Assert.NotEqual(one.Hash("3311011205800001"), one.Hash("3311011205800002"));
        Assert.NotEqual(one.Hash("3311011205800001"), other.Hash("3311011205800001"));
        Assert.Equal(32, one.Hash("3311011205800001").Length);
    }

    [Theory]
    [InlineData("Production", null, "required in the Production")]
    [InlineData("Staging", null, "required in the Staging")]
    [InlineData("Production", "bukan-base64!", "base64")]
    [InlineData("Production", "AAECAw==", "at least 32")]
    public void RefuseToStartWithoutAUsableKeyOutsideDevelopment(string environment, string? key, string expected) =>
        Assert.Contains(expected, NikHasher.Problem(new ProtectionOptions { NikHashKey = key }, new Environment(environment)), StringComparison.Ordinal);

    [Theory]
    [InlineData("Development")]
    [InlineData("Testing")]
    public void UseTheBuiltInKeyOnlyWhereNoRealNikLives(string environment) =>
        Assert.Null(NikHasher.Problem(new ProtectionOptions(), new Environment(environment)));
}
