using Tickets.Common;

namespace Tickets.UnitTests.Common;

public sealed class NationalIdTests
{
    [Theory]
    [InlineData("12345678Z")]
    [InlineData("00000000T")]
    [InlineData("87654321X")]
    public void ADniWithItsControlLetterIsAccepted(string dni) =>
        Assert.Equal(NationalId.Problem.None, NationalId.Check(dni));

    [Theory]
    [InlineData("X1234567L")]
    [InlineData("Y1234567X")]
    [InlineData("Z1234567R")]
    public void ANieIsCheckedAsItsXyzDigitFollowedByTheDniRule(string nie) =>
        Assert.Equal(NationalId.Problem.None, NationalId.Check(nie));

    [Theory]
    [InlineData("12345678A")]
    [InlineData("X1234567Z")]
    [InlineData("Y1234567L")]
    [InlineData("z1234567l")]
    public void AWrongControlLetterIsALetterProblem(string id) =>
        Assert.Equal(NationalId.Problem.Letter, NationalId.Check(id));

    [Theory]
    [InlineData("12345")]
    [InlineData("10000001")]
    [InlineData("123456789012345")]
    public void DigitsOnlyIdsOfFiveToFifteenDigitsAreStillAccepted(string id) =>
        Assert.Equal(NationalId.Problem.None, NationalId.Check(id));

    [Theory]
    [InlineData("")]
    [InlineData("1234")]
    [InlineData("1234567890123456")]
    [InlineData("A1234567L")]
    [InlineData("X123456L")]
    [InlineData("123456789Z")]
    [InlineData("1234567Z8")]
    [InlineData("12345678Ñ")]
    [InlineData("１２３４５")]
    public void AnythingElseIsAShapeProblem(string id) =>
        Assert.Equal(NationalId.Problem.Shape, NationalId.Check(id));

    [Theory]
    [InlineData("12345678-z", "12345678Z")]
    [InlineData(" x 1234567 l ", "X1234567L")]
    [InlineData("12.345.678-Z", "12345678Z")]
    [InlineData("10000001", "10000001")]
    public void SeparatorsAndCaseAreNormalisedAway(string typed, string stored)
    {
        Assert.Equal(NationalId.Problem.None, NationalId.Check(typed));
        Assert.Equal(stored, NationalId.Normalize(typed));
    }

    [Fact]
    public void TheValidatorNamesTheFieldWithTheLetterCode()
    {
        var codes = new Validator().Dni("dni", "12345678A").Codes();

        Assert.Equal([FieldCodes.DniLetter], codes["dni"]);
    }

    [Fact]
    public void TheValidatorNamesTheFieldWithTheShapeCode()
    {
        var codes = new Validator().Dni("dni", "ABC").Codes();

        Assert.Equal([FieldCodes.InvalidDni], codes["dni"]);
    }
}
