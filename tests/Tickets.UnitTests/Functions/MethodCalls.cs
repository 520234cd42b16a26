using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.CompilerServices;

namespace Tickets.UnitTests.Functions;

/// <summary>
/// The methods a method calls, read from its IL, following what the compiler moved elsewhere (lambdas, async state
/// machines) and helpers of the same class. Lets a test check that a function reads what it declares.
/// </summary>
internal static class MethodCalls
{
    private static readonly Dictionary<short, OpCode> Codes = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    public static IReadOnlyList<MethodBase> Of(MethodInfo method)
    {
        var seen = new HashSet<MethodBase>();
        var calls = new List<MethodBase>();
        Walk(method, method.DeclaringType!, seen, calls);
        return calls;
    }

    private static void Walk(MethodBase method, Type owner, HashSet<MethodBase> seen, List<MethodBase> calls)
    {
        if (!seen.Add(method)) return;
        if (method.GetCustomAttribute<AsyncStateMachineAttribute>() is { } async)
            Walk(async.StateMachineType.GetMethod("MoveNext", BindingFlags.Instance | BindingFlags.NonPublic)!, owner, seen, calls);

        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null) return;
        for (var at = 0; at < il.Length;)
        {
            var code = il[at] == 0xFE ? Codes[(short)(0xFE00 | il[at + 1])] : Codes[il[at]];
            at += code.Size;
            if (code.OperandType == OperandType.InlineMethod)
            {
                var called = Resolve(method, BitConverter.ToInt32(il, at));
                if (called is not null)
                {
                    calls.Add(called);
                    // Lambdas, local functions and helpers live in the function's class or its compiler-made nested types.
                    if (IsWithin(called.DeclaringType, owner)) Walk(called, owner, seen, calls);
                }
            }

            at += OperandSize(code.OperandType, il, at);
        }
    }

    private static bool IsWithin(Type? type, Type owner)
    {
        for (; type is not null; type = type.DeclaringType)
            if (type == owner) return true;
        return false;
    }

    private static MethodBase? Resolve(MethodBase method, int token)
    {
        try
        {
            return method.Module.ResolveMethod(token, method.DeclaringType?.GetGenericArguments(), method.IsGenericMethod ? method.GetGenericArguments() : null);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static int OperandSize(OperandType type, byte[] il, int at) => type switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
        _ => 4,
    };
}
