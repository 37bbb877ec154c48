using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SkiaSharp;

namespace OtMz.ApiTests;

public class LookUploadTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static (string, string)[] Fields(string id) =>
    [
        ("id", id), ("title", "Green coat look"), ("gender", "unisex"), ("seasons", "autumn,winter"),
        ("occasions", "daily"), ("occasions", "work"), ("minTempC", "-5"), ("maxTempC", "12"),
    ];

    [Fact]
    public async Task AnAdminsPhotoBecomesALookWithItsStylesPaletteAndImage()
    {
        var admin = await factory.AdminClient();
        var id = $"photo-{Guid.NewGuid():N}";

        var response = await admin.PostAsync("/api/v1/looks", Pictures.Form(Pictures.Garment(SKColors.ForestGreen, SKColors.White, format: SKEncodedImageFormat.Jpeg), "look.jpg", Fields(id)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var look = await response.Body();
        Assert.Equal(id, look.GetProperty("id").GetString());
        Assert.Equal(["autumn", "winter"], look.GetProperty("seasons").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(["daily", "work"], look.GetProperty("occasions").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal(StyleTaxonomy.Count, look.GetProperty("styleVector").GetArrayLength());
        Assert.Contains(look.GetProperty("palette").EnumerateArray(), p => p.GetProperty("colour").GetString() == "green");
        var imageUrl = look.GetProperty("imageUrl").GetString()!;
        Assert.StartsWith("/api/v1/images/", imageUrl);

        var image = await factory.CreateClient().GetAsync(imageUrl);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/jpeg", image.Content.Headers.ContentType!.MediaType);
        Assert.Contains("immutable", image.Headers.CacheControl!.ToString());
        var stored = await factory.CreateClient().GetFromJsonAsync<JsonElement>($"/api/v1/looks/{id}");
        Assert.Equal(imageUrl, stored.GetProperty("imageUrl").GetString());
    }

    [Fact]
    public async Task ReplacingAPhotoLookDropsTheOldPhotoAndDeletingTheLookDropsTheNewOne()
    {
        var admin = await factory.AdminClient();
        var id = $"photo-{Guid.NewGuid():N}";
        var first = await (await admin.PostAsync("/api/v1/looks", Pictures.Form(Pictures.Garment(SKColors.Red, SKColors.White), "a.png", Fields(id)))).Body();
        var firstUrl = first.GetProperty("imageUrl").GetString()!;

        var replaced = await admin.PostAsync("/api/v1/looks", Pictures.Form(Pictures.Garment(SKColors.Blue, SKColors.White), "b.png", Fields(id)));

        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        var secondUrl = (await replaced.Body()).GetProperty("imageUrl").GetString()!;
        Assert.NotEqual(firstUrl, secondUrl);
        await (await factory.CreateClient().GetAsync(firstUrl)).AssertProblem(HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/v1/looks/{id}")).StatusCode);
        await (await factory.CreateClient().GetAsync(secondUrl)).AssertProblem(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("title", "", "title")]
    [InlineData("gender", "robot", "gender")]
    [InlineData("seasons", "monsoon", "seasons")]
    [InlineData("minTempC", "warm", "minTempC")]
    public async Task ABadFieldBesideThePhotoIsNamedAndNothingIsStored(string field, string value, string errorField)
    {
        var admin = await factory.AdminClient();
        var id = $"photo-{Guid.NewGuid():N}";
        var fields = Fields(id).Select(f => f.Item1 == field ? (field, value) : f).ToArray();

        var response = await admin.PostAsync("/api/v1/looks", Pictures.Form(Pictures.Garment(SKColors.Red, SKColors.White), "a.png", fields));

        await response.AssertProblem(HttpStatusCode.BadRequest, errorField);
        await (await factory.CreateClient().GetAsync($"/api/v1/looks/{id}")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ACorruptPhotoIsRefusedAndNoLookIsStored()
    {
        var admin = await factory.AdminClient();
        var id = $"photo-{Guid.NewGuid():N}";

        var response = await admin.PostAsync("/api/v1/looks", Pictures.Form(Pictures.Corrupt(), "a.jpg", Fields(id)));

        await response.AssertProblem(HttpStatusCode.UnprocessableEntity, "image");
        await (await factory.CreateClient().GetAsync($"/api/v1/looks/{id}")).AssertProblem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OnlyAdminsUploadLookPhotos()
    {
        var user = await factory.NewUserClient();

        var response = await user.PostAsync("/api/v1/looks", Pictures.Form(Pictures.Garment(SKColors.Red, SKColors.White), "a.png", Fields("photo-x")));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task AnUnknownImageIsNotFound()
    {
        await (await factory.CreateClient().GetAsync("/api/v1/images/img-nothing")).AssertProblem(HttpStatusCode.NotFound);
    }
}
