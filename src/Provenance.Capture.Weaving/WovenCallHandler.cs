namespace Provenance.Capture.Weaving;

/// <summary>What takes a woven call: the original body, the arguments, and the declaring type and name of the method.</summary>
internal delegate object? WovenCallHandler(Func<object[], object> target, object[] arguments, Type type, string name);
