using Tickets.Common;
using Tickets.Users;

namespace Tickets.UnitTests.Common;

public sealed class ValidatorTests
{
    [Theory]
    [InlineData("12345", true)]
    [InlineData("123456789012345", true)]
    [InlineData("1234", false)]
    [InlineData("1234567890123456", false)]
    [InlineData("12345678A", false)]
    [InlineData("12345678Z", true)]
    [InlineData("X1234567L", true)]
    [InlineData("", false)]
    public void DniIsADniANieOrFiveToFifteenDigits(string dni, bool valid) =>
        Assert.Equal(valid, new Validator().Dni("dni", dni).IsValid);

    [Theory]
    [InlineData("+34 600 000 000", true)]
    [InlineData("(01) 555-1234", true)]
    [InlineData("1234567", true)]
    [InlineData("123456", false)]
    [InlineData("123456789012345678901", false)]
    [InlineData("600-ABC-000", false)]
    [InlineData("+- ()+- ()", false)]
    public void PhoneIsSevenToTwentyAllowedCharacters(string phone, bool valid) =>
        Assert.Equal(valid, new Validator().Phone("phone", phone).IsValid);

    [Theory]
    [InlineData("ana@example.org", true)]
    [InlineData("ana.perez+tickets@sub.example.org", true)]
    [InlineData("ana@", false)]
    [InlineData("ana example.org", false)]
    [InlineData("@example.org", false)]
    public void EmailMustLookLikeAnAddress(string email, bool valid) =>
        Assert.Equal(valid, new Validator().Email("email", email).IsValid);

    [Theory]
    [InlineData(9, false)]
    [InlineData(10, true)]
    [InlineData(128, true)]
    [InlineData(129, false)]
    public void PasswordIsTenTo128Characters(int length, bool valid) =>
        Assert.Equal(valid, new Validator().Password("password", new string('x', length)).IsValid);

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(100, true)]
    [InlineData(101, false)]
    public void NamesAreOneToHundredCharacters(int length, bool valid) =>
        Assert.Equal(valid, new Validator().Text("firstNames", new string('a', length), 1, 100).IsValid);

    [Fact]
    public void NamesAndDepartmentRefuseDirectionChangingAndInvisibleCharacters()
    {
        var request = new RegisterRequest
        {
            Dni = "12345678", Phone = "600000000", FirstNames = "Ana\u202E", LastNames = "Pé\u200Brez", Department = "IT\u2028Ops",
            Email = "ana@example.org", Password = "una clave larga",
        };

        Assert.Equal(
            new Dictionary<string, string[]>
            {
                ["firstNames"] = [FieldCodes.InvisibleCharacters],
                ["lastNames"] = [FieldCodes.InvisibleCharacters],
                ["department"] = [FieldCodes.InvisibleCharacters],
            },
            request.Validate().Codes());
    }

    [Fact]
    public void WhitespaceOnlyTextCountsAsEmpty() =>
        Assert.False(new Validator().Text("department", "   ", 1, 100).IsValid);

    [Fact]
    public void EveryMissingRegistrationFieldIsNamed()
    {
        var errors = new RegisterRequest().Validate().ToDictionary();

        Assert.Equal(
            new[] { "department", "dni", "email", "firstNames", "lastNames", "password", "phone" },
            errors.Keys.Order());
    }

    [Fact]
    public void EveryFieldErrorCarriesAStableCodeBesideItsMessage()
    {
        var v = new Validator()
            .Text("title", "ab", 3, 200)
            .Text("description", new string('x', 20), 1, 10)
            .Email("email", "ana@")
            .Phone("phone", null)
            .Characters("note", "a\u0001b");

        var error = v.ToError()!;

        Assert.Equal(
            new Dictionary<string, string[]>
            {
                ["title"] = [FieldCodes.TooShort],
                ["description"] = [FieldCodes.TooLong],
                ["email"] = [FieldCodes.InvalidEmail],
                ["phone"] = [FieldCodes.Required],
                ["note"] = [FieldCodes.InvalidCharacters],
            },
            error.ErrorCodes);
        Assert.Equal(error.Errors!.Keys.Order(), error.ErrorCodes!.Keys.Order());
    }

    [Fact]
    public void AConflictAboutAFieldGivesThatFieldTheConflictsCode() =>
        Assert.Equal(["duplicate_email"],
            Error.Conflict("duplicate_email", "Taken.", new Dictionary<string, string[]> { ["email"] = ["Is already registered."] }).ErrorCodes!["email"]);

    [Fact]
    public void StaffAccountNeedsARole() =>
        Assert.Contains("role", new CreateUserRequest().Validate().ToDictionary().Keys);

    [Fact]
    public void UndefinedEnumValueIsRejected() =>
        Assert.False(new Validator().Defined("role", (Role?)(Role)42).IsValid);

    [Theory]
    [InlineData("Impresión", "impresion")]
    [InlineData("MUÑOZ", "munoz")]
    [InlineData("Ça va", "ca va")]
    public void FoldIgnoresCaseAndAccents(string input, string folded) =>
        Assert.Equal(folded, Text.Fold(input));
}
