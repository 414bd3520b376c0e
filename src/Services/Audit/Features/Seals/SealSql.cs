using TitleReview.EventStore;

namespace TitleReview.Audit.Features.Seals;

/// <summary>The seal tables and the one definition of an event's hash, shared by sealing and checking.</summary>
public static class SealSql
{
    public const string Schema = "audit";

    /// <summary>
    /// SHA-256 over every stored column that says what happened, to what, when and by whom. jsonb prints in one
    /// canonical form, and the time is taken as microseconds since the epoch so no session time zone changes it.
    /// PostgreSQL's 'infinity' and '-infinity' have no epoch; they are hashed by name instead of failing the whole seal
    /// (finite times hash exactly as before, so existing seals stay valid).
    /// </summary>
    public const string EventHash = """
        encode(sha256(convert_to(concat_ws('|', e.seq_id::text, e.id::text, e.stream_id::text, e.version::text, e.type,
            case when isfinite(e.timestamp) then (extract(epoch from e.timestamp) * 1000000)::bigint::text else e.timestamp::text end, e.data::text, coalesce(e.headers::text, ''),
            coalesce(e.correlation_id, ''), coalesce(e.causation_id, ''), coalesce(e.user_name, '')), 'UTF8')), 'hex')
        """;

    public static readonly string Events = $"{EventStoreRegistration.LedgerSchema}.mt_events";

    /// <summary>
    /// Seals and their per-event hashes are append-only: triggers refuse UPDATE, DELETE and TRUNCATE, so changing a
    /// seal needs a deliberate DDL change that itself shows in the database's logs.
    /// </summary>
    public const string CreateTables = """
        create schema if not exists audit;
        create table if not exists audit.ledger_seals (
            seal_number bigint primary key,
            from_sequence bigint not null,
            up_to_sequence bigint not null,
            event_count bigint not null,
            events_digest text not null,
            previous_seal_hash text not null,
            seal_hash text not null,
            sealed_at timestamptz not null,
            sealed_by text not null);
        create table if not exists audit.ledger_sealed_events (
            seq_id bigint primary key,
            seal_number bigint not null references audit.ledger_seals (seal_number) deferrable initially deferred,
            stream_id uuid not null,
            version bigint not null,
            type text not null,
            event_hash text not null);
        create or replace function audit.refuse_seal_change() returns trigger language plpgsql as $$
        begin
            raise exception 'ledger seals are append-only (% on %)', tg_op, tg_table_name;
        end $$;
        create or replace trigger ledger_seals_append_only before update or delete on audit.ledger_seals
            for each row execute function audit.refuse_seal_change();
        create or replace trigger ledger_seals_no_truncate before truncate on audit.ledger_seals
            for each statement execute function audit.refuse_seal_change();
        create or replace trigger ledger_sealed_events_append_only before update or delete on audit.ledger_sealed_events
            for each row execute function audit.refuse_seal_change();
        create or replace trigger ledger_sealed_events_no_truncate before truncate on audit.ledger_sealed_events
            for each statement execute function audit.refuse_seal_change();
        """;
}
