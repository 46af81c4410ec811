using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Mono.Cecil;
using Mono.Cecil.Cil;
using TrustAgain.Web.Data;

namespace TrustAgain.Tests.Privacy;

// The privacy spine: each kind of personal row has one owner, its store in Journal/, and nothing else reads or
// writes it. These tests read the compiled app (its IL, through Mono.Cecil) rather than its source text, so
// `db.Set<Reflection>()`, `db.Add(new CheckIn { ... })`, a LINQ expression over `Progress` in a Razor view and raw
// SQL naming a personal table are all caught, however they are spelled. Namespaces stand for folders: the build
// makes every namespace match its folder (IDE0130), and Razor views compile into a namespace of their own.
public sealed partial class PersonalRowTests
{
    private const string Journal = "TrustAgain.Web.Journal";
    private const string Data = "TrustAgain.Web.Data";

    private static readonly Lazy<AppModel> App = new(AppModel.Read);

    [Fact]
    public void EveryEntityOfTheModelSaysWhetherItIsPersonal()
    {
        var unsorted = App.Value.AppEntities
            .Where(type => type.GetCustomAttribute<PersonalRowAttribute>() is null
                && type.GetCustomAttribute<NotPersonalRowAttribute>() is null)
            .Select(type => type.Name)
            .ToList();

        Assert.True(unsorted.Count == 0,
            $"Mark each of these entities [PersonalRow] (and give it a store in Journal/) or [NotPersonalRow(\"why\")]: {string.Join(", ", unsorted)}");
    }

    [Fact]
    public void ThePersonalRowsAreTheOnesThePrivacyPromisesCover()
    {
        // Growing this list is fine (a new kind of personal row); shrinking it would take a row out of the guard.
        Assert.Superset(
            new HashSet<string> { "Reflection", "StepProgress", "CheckIn", "Commitment", "CommitmentEntry", "SafetyCheck" },
            App.Value.Personal.Select(t => t.Name).ToHashSet());
    }

    [Fact]
    public void NoCodeOutsideJournalAndDataTouchesAPersonalRow()
    {
        var outside = App.Value.Uses
            .Where(use => !InFolder(use.Namespace, Journal) && !InFolder(use.Namespace, Data))
            .Select(use => $"{use.Where} uses {use.What}")
            .Distinct()
            .ToList();

        Assert.True(outside.Count == 0,
            "Only the stores in Journal/ may read or write personal rows; go through the store instead:\n" + string.Join("\n", outside));
    }

    [Fact]
    public void EachKindOfPersonalRowHasExactlyOneStore()
    {
        var owners = App.Value.Personal.ToDictionary(
            type => type.Name,
            type => App.Value.Uses
                .Where(use => InFolder(use.Namespace, Journal) && use.Type == type.FullName)
                .Select(use => use.Owner)
                .Distinct()
                .Order(StringComparer.Ordinal)
                .ToList());

        // A kind with no store at all would also mean this test's reading of the IL found nothing, so both fail.
        Assert.All(owners, kind => Assert.True(kind.Value.Count == 1,
            $"{kind.Key} must have exactly one store in Journal/, but is touched by: {(kind.Value.Count == 0 ? "nothing" : string.Join(", ", kind.Value))}"));
    }

    private static bool InFolder(string @namespace, string folder) =>
        @namespace == folder || @namespace.StartsWith(folder + ".", StringComparison.Ordinal);

    // One place in the app's code that names a personal row type: by a type, field, method or signature that
    // mentions it, by its table in a SQL string, or by its full name in a string.
    private sealed record Use(string Namespace, string Owner, string Where, string Type, string What);

    private sealed record AppModel(IReadOnlyList<Type> AppEntities, IReadOnlyList<Type> Personal, IReadOnlyList<Use> Uses)
    {
        public static AppModel Read()
        {
            using var db = new SqliteAppDbContextFactory().CreateDbContext([]);
            var appAssembly = typeof(AppDbContext).Assembly;
            var entities = db.Model.GetEntityTypes().Where(e => e.ClrType.Assembly == appAssembly).ToList();
            var personal = entities.Where(e => e.ClrType.GetCustomAttribute<PersonalRowAttribute>() is not null).ToList();
            var tables = personal.ToDictionary(e => e.ClrType.FullName!, e => e.GetTableName()!);
            return new(
                [.. entities.Select(e => e.ClrType)],
                [.. personal.Select(e => e.ClrType)],
                ReadUses(appAssembly.Location, tables));
        }

        private static List<Use> ReadUses(string assemblyPath, IReadOnlyDictionary<string, string> tables)
        {
            using var module = ModuleDefinition.ReadModule(assemblyPath);
            var uses = new List<Use>();
            foreach (var type in module.GetTypes())
            {
                var top = type;
                while (top.DeclaringType is not null)
                {
                    top = top.DeclaringType;
                }
                void Found(string where, string personalType, string what) =>
                    uses.Add(new Use(top.Namespace, top.FullName, where, personalType, what));

                void Check(string where, TypeReference? reference)
                {
                    foreach (var name in Mentioned(reference).Where(tables.ContainsKey).Distinct())
                    {
                        Found(where, name, name);
                    }
                }

                Check(type.FullName, type.BaseType);
                foreach (var implemented in type.Interfaces)
                {
                    Check(type.FullName, implemented.InterfaceType);
                }
                foreach (var field in type.Fields)
                {
                    Check($"{type.FullName}.{field.Name}", field.FieldType);
                }
                foreach (var property in type.Properties)
                {
                    Check($"{type.FullName}.{property.Name}", property.PropertyType);
                }
                foreach (var method in type.Methods)
                {
                    var where = $"{type.FullName}.{method.Name}";
                    foreach (var reference in Signature(method))
                    {
                        Check(where, reference);
                    }
                    if (!method.HasBody)
                    {
                        continue;
                    }
                    foreach (var local in method.Body.Variables)
                    {
                        Check(where, local.VariableType);
                    }
                    foreach (var instruction in method.Body.Instructions)
                    {
                        switch (instruction.Operand)
                        {
                            case TypeReference reference:
                                Check(where, reference);
                                break;
                            case MethodReference called:
                                foreach (var reference in Signature(called))
                                {
                                    Check(where, reference);
                                }
                                break;
                            case FieldReference field:
                                Check(where, field.DeclaringType);
                                Check(where, field.FieldType);
                                break;
                            case string text when instruction.OpCode == OpCodes.Ldstr:
                                foreach (var (name, table) in tables)
                                {
                                    if (text.Contains(name, StringComparison.Ordinal) || NamesTable(text, table))
                                    {
                                        Found(where, name, $"the {table} table in \"{text}\"");
                                    }
                                }
                                break;
                        }
                    }
                }
            }
            return uses;
        }

        // Every type a method's signature mentions: where it is declared, what it returns, what it takes, and the
        // type arguments it is called with (Set<Reflection>(), Add<CheckIn>(...)).
        private static IEnumerable<TypeReference> Signature(MethodReference method)
        {
            yield return method.DeclaringType;
            yield return method.ReturnType;
            foreach (var parameter in method.Parameters)
            {
                yield return parameter.ParameterType;
            }
            if (method is GenericInstanceMethod generic)
            {
                foreach (var argument in generic.GenericArguments)
                {
                    yield return argument;
                }
            }
        }

        // A type and every type inside it: DbSet<Reflection>, Func<AppDbContext, IAsyncEnumerable<Reflection>>,
        // Reflection[], ref Reflection.
        private static IEnumerable<string> Mentioned(TypeReference? reference)
        {
            switch (reference)
            {
                case null:
                    yield break;
                case GenericInstanceType generic:
                    foreach (var name in Mentioned(generic.ElementType).Concat(generic.GenericArguments.SelectMany(Mentioned)))
                    {
                        yield return name;
                    }
                    break;
                case TypeSpecification specification:
                    foreach (var name in Mentioned(specification.ElementType))
                    {
                        yield return name;
                    }
                    break;
                default:
                    yield return reference.FullName.Replace('/', '+');
                    if (reference.DeclaringType is { } outer)
                    {
                        foreach (var name in Mentioned(outer))
                        {
                            yield return name;
                        }
                    }
                    break;
            }
        }

        private static bool NamesTable(string sql, string table) =>
            SqlNamingTable().Matches(sql).Any(m => m.Groups["table"].Value == table);
    }

    // A table name after FROM, JOIN, INTO, UPDATE or TABLE, bare or quoted, as raw SQL would name it. The name
    // itself must match exactly, so a page that says "back to your commitments" is not taken for SQL.
    [GeneratedRegex("""\b(?:from|join|into|update|table)\s+["'`\[]?(?<table>\w+)""", RegexOptions.IgnoreCase)]
    private static partial Regex SqlNamingTable();
}
