using Marten;
using TitleReview.Domain.Lifecycle;
using Weasel.Postgresql.Tables;

namespace TitleReview.Audit.Features.Search;

/// <summary>
/// The search's fields as columns of Audit's fold, with indexes: a page of 10^5 applications reads its ids from an
/// index alone at any depth (page 3,000 fetched, sorted and dropped 60,000 folds before), and a name, status or date
/// filter counts from a small index instead of every fold's JSON. Marten adds each column at start-up and fills it
/// from the stored JSON in the same migration. <see cref="ApplicationLifecycle.Status"/> is computed: Marten stores
/// what the getter answers whenever the daemon writes a fold, the same value the JSON holds.
/// </summary>
public static class SearchIndexes
{
    /// <summary>The list's order, newest first then by id, exactly: read forwards, no sort is left to do.</summary>
    public const string ListOrderIndex = "mt_doc_applicationlifecycle_idx_search_order";

    public static void Register(StoreOptions documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        documents.Schema.For<ApplicationLifecycle>()
            // Its own index answers a date range's total.
            .Duplicate(a => a.SubmittedAt)
            .Duplicate(a => a.Status)
            // A name is matched anywhere (like '%…%'), which no index orders: its page and total read this small index.
            .Duplicate(a => a.ApplicantName, configure: index => index.IncludeColumns = ["submitted_at", "id"]);

        // Marten's own index options cannot mix directions (descending time, ascending id); a policy can add one.
        documents.Policies.ForAllDocuments(mapping =>
        {
            if (mapping.DocumentType == typeof(ApplicationLifecycle))
            {
                mapping.Indexes.Add(new IndexDefinition(ListOrderIndex) { Columns = ["submitted_at DESC", "id"], IncludeColumns = ["status"] });
            }
        });
    }
}
