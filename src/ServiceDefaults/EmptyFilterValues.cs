using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace TitleReview.ServiceDefaults;

/// <summary>
/// A page's filter form sends every field, the ones left at 全部 as empty values (status=&amp;from=); minimal APIs
/// refuse an empty value for a nullable enum or date, so an auditor could not search with the form at all. On pages
/// (GET, outside /api) an empty value means "no filter" and is dropped before binding; APIs keep answering 400.
/// </summary>
public static class EmptyFilterValues
{
    public static IApplicationBuilder UseEmptyFilterValuesOnPages(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            var request = http.Request;
            if (HttpMethods.IsGet(request.Method) && !request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
                && request.Query.Any(pair => pair.Value.All(string.IsNullOrEmpty)))
            {
                request.QueryString = QueryString.Create(request.Query
                    .Where(pair => !pair.Value.All(string.IsNullOrEmpty))
                    .SelectMany(pair => pair.Value.Select(value => KeyValuePair.Create(pair.Key, value))));
            }

            return next(http);
        });
}
