-- 10^5 applications for measuring the read paths (bench/README.md, "Read paths at 10^5").
-- Run against a scratch database whose schemas the services created at start-up (so every table, column and index
-- is the one Marten made): psql -v n=100000 -f bench/ReadPaths/seed.sql
-- Shapes are those Marten's serializer writes (PascalCase properties, enums as numbers, ISO dates); the ledger's
-- events are what each state's history would be, spread over five months and interleaved by time as in production.
-- ApplicationSubmitted carries no dossier here, so the event table is smaller than a real one: full scans of it
-- only get slower with real data. The folds (Audit's search, Review's agenda, Payment's fee movements) are left to
-- their daemons: start Audit, Review and Payment once afterwards and let them catch up (minutes).
\set ON_ERROR_STOP on
\if :{?n}
\else
  \set n 100000
\endif

begin;
truncate ledger.mt_events, ledger.mt_streams cascade;
truncate review.mt_doc_reviewqueueitem, review.mt_doc_committeemeeting, payment.mt_doc_feeaccount,
  payment.mt_doc_paymentnotification, publicity.mt_doc_publicitynotice, certificate.mt_doc_certificaterecord,
  audit.mt_doc_applicationlifecycle;
-- The folds are their daemons' to make from these events (Audit's search, Review's agenda candidates, Payment's fee
-- movements): emptied, and every daemon's mark forgotten with the events it counted.
do $$ begin
  if to_regclass('review.mt_doc_committeecandidate') is not null then truncate review.mt_doc_committeecandidate; end if;
  if to_regclass('payment.mt_doc_feemovement') is not null then truncate payment.mt_doc_feemovement; end if;
end $$;
delete from ledger.mt_event_progression;

-- One row per application: who, what, when, and how far it got (i % 100 picks the state).
create temp table apps on commit drop as
select i,
  md5('app' || i)::uuid as id,
  (array['张','王','李','赵','刘','陈','杨','黄','周','吴','徐','孙','胡','朱','高','林','何','郭','马','罗'])[1 + i % 20]
    || (array['伟','芳','娜','敏','静','丽','强','磊','军','洋','勇','艳','杰','涛','明','超','秀','霞','平','刚',
              '桂','英','华','文','斌','宇','浩','凯','鹏','琳'])[1 + (i / 20) % 30]
    || (array['','国','建','志','海','晓','春','红','玉','成'])[1 + (i / 600) % 10] as name,
  '无锡某' || (i % 500) || '机械有限公司' as employer,
  (array['机械工程','电气工程','土木工程','化学工程','计算机应用','电子信息','自动化','材料工程','环境工程','建筑工程',
         '给排水','暖通空调','工程测量','纺织工程','食品工程','安全工程','水利工程','交通工程','冶金工程','通信工程'])[1 + (i / 7) % 20] as specialty,
  1 + i % 3 as level,
  timestamptz '2023-01-02 09:00+08' + i * interval '2 minutes' as t0,
  case
    when i % 100 < 5 then 'submitted' when i % 100 < 10 then 'under_review' when i % 100 < 12 then 'resubmitted'
    when i % 100 < 15 then 'revision' when i % 100 < 20 then 'rejected' when i % 100 < 21 then 'withdrawn'
    when i % 100 < 25 then 'publicity' when i % 100 < 27 then 'lapsed' when i % 100 < 32 then 'ready'
    when i % 100 < 33 then 'failed' else 'certified'
  end as state
from generate_series(1, :n) as i;

-- The approved ones in approval order: 40 to a publicity notice.
create temp table approved on commit drop as
select a.*, (row_number() over (order by t0) - 1) as rank, 'XSGC2023-' || lpad(i::text, 8, '0') as reference
from apps a where state not in ('submitted','under_review','resubmitted','revision','rejected','withdrawn');

create function pg_temp.ts(t timestamptz) returns text language sql immutable as
$$ select to_char(t at time zone 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS') || '+08:00' $$;

-- Each state's history, event by event.
create temp table ev (stream_id uuid, version int, type text, data jsonb, at timestamptz) on commit drop;
insert into ev
select id, 1, 'application_submitted', jsonb_build_object('ApplicationId', id, 'ApplicantName', name, 'Employer', employer,
  'Series', '工程技术', 'Specialty', specialty, 'Level', level, 'CycleId', 'xishan-engineering-2023', 'SubmittedAt', pg_temp.ts(t0),
  'SchemaVersion', 1, 'Dossier', null, 'Checklist', null, 'Attachments', null), t0 from apps;
insert into ev
select id, 2, 'review_started', jsonb_build_object('ApplicationId', id, 'ReviewerId', 'reviewer-' || (i % 40), 'StartedAt', pg_temp.ts(t0 + interval '1 day')), t0 + interval '1 day'
from apps where state not in ('submitted', 'withdrawn');
insert into ev
select id, 2, 'application_withdrawn', jsonb_build_object('ApplicationId', id, 'Reason', '本人申请撤回', 'WithdrawnAt', pg_temp.ts(t0 + interval '1 day')), t0 + interval '1 day'
from apps where state = 'withdrawn';
insert into ev
select id, 3, 'revision_requested', jsonb_build_object('ApplicationId', id, 'Comments', jsonb_build_array(jsonb_build_object('Module', 'achievements', 'Comment', '请补充证明材料')),
  'RequestedAt', pg_temp.ts(t0 + interval '2 days')), t0 + interval '2 days'
from apps where state in ('revision', 'resubmitted');
insert into ev
select id, 4, 'application_resubmitted', jsonb_build_object('ApplicationId', id, 'ChangedModules', jsonb_build_array('achievements'), 'ResubmittedAt', pg_temp.ts(t0 + interval '3 days'),
  'ApplicantName', null, 'Employer', null, 'Series', null, 'Specialty', null, 'Dossier', null, 'Checklist', null, 'Attachments', null), t0 + interval '3 days'
from apps where state = 'resubmitted';
insert into ev
select id, 3, 'application_rejected', jsonb_build_object('ApplicationId', id, 'Reason', '不符合申报条件', 'RejectedAt', pg_temp.ts(t0 + interval '2 days')), t0 + interval '2 days'
from apps where state = 'rejected';
insert into ev
select id, 3, 'final_approved', jsonb_build_object('ApplicationId', id, 'ReviewerId', 'reviewer-' || (i % 40), 'ApprovedAt', pg_temp.ts(t0 + interval '3 days')), t0 + interval '3 days'
from approved;
insert into ev
select id, 4, 'published', jsonb_build_object('ApplicationId', id, 'NoticeId', md5('notice' || rank / 40)::uuid, 'Start', to_char(t0 + interval '5 days', 'YYYY-MM-DD'),
  'End', to_char(t0 + interval '11 days', 'YYYY-MM-DD'), 'WorkingDays', 5, 'CalendarVersion', 'cn-2023', 'PublishedAt', pg_temp.ts(t0 + interval '5 days')), t0 + interval '5 days'
from approved;
insert into ev
select id, 5, 'fee_assessed', jsonb_build_object('ApplicationId', id, 'Amount', case level when 1 then 300.00 else 200.00 end, 'PaymentReference', reference,
  'DueDate', to_char(t0 + interval '15 days', 'YYYY-MM-DD'), 'AssessedAt', pg_temp.ts(t0 + interval '5 days 1 hour')), t0 + interval '5 days 1 hour'
from approved;
insert into ev
select id, 6, 'fee_paid', jsonb_build_object('ApplicationId', id, 'Amount', case level when 1 then 300.00 else 200.00 end, 'PaymentReference', reference,
  'Channel', 'platform', 'PaidAt', pg_temp.ts(t0 + interval '8 days')), t0 + interval '8 days'
from approved where state in ('ready', 'failed', 'certified');
insert into ev
select id, case when state = 'lapsed' then 6 else 7 end, 'publicity_completed', jsonb_build_object('ApplicationId', id, 'NoticeId', md5('notice' || rank / 40)::uuid,
  'ProofDate', to_char(t0 + interval '12 days', 'YYYY-MM-DD'), 'CompletedAt', pg_temp.ts(t0 + interval '12 days')), t0 + interval '12 days'
from approved where state in ('lapsed', 'ready', 'failed', 'certified');
insert into ev
select id, 7, 'application_lapsed', jsonb_build_object('ApplicationId', id, 'Reason', '逾期未缴费', 'LapsedAt', pg_temp.ts(t0 + interval '16 days')), t0 + interval '16 days'
from approved where state = 'lapsed';
insert into ev
select id, 8, 'committee_decided', jsonb_build_object('ApplicationId', id, 'MeetingId', md5('meeting' || (rank / 5000))::uuid,
  'MeetingDate', to_char(t0 + interval '40 days', 'YYYY-MM-DD'), 'MembersTotal', 9, 'MembersPresent', 7, 'VotesFor', case state when 'failed' then 3 else 6 end,
  'VotesAgainst', case state when 'failed' then 4 else 1 end, 'Abstentions', 0, 'Passed', state = 'certified', 'DecidedAt', pg_temp.ts(t0 + interval '40 days')), t0 + interval '40 days'
from approved where state in ('failed', 'certified');
insert into ev
select id, 9, 'certificate_issued', jsonb_build_object('ApplicationId', id, 'CertificateNumber', 'XSGC-2023-' || (array['Z','C','Y'])[level] || '-' || lpad(rank::text, 5, '0'),
  'HolderName', name, 'Specialty', specialty, 'Level', level, 'CommitteeName', '锡山区工程技术人员职称评审委员会',
  'DecisionDate', to_char(t0 + interval '40 days', 'YYYY-MM-DD'), 'IssueDate', to_char(t0 + interval '41 days', 'YYYY-MM-DD'),
  'VerificationCode', upper(substr(md5('code' || i), 1, 8)), 'Title', null), t0 + interval '41 days'
from approved where state = 'certified';

insert into ledger.mt_streams (id, version, timestamp, created)
select stream_id, max(version), max(at), min(at) from ev group by stream_id;
insert into ledger.mt_events (seq_id, id, stream_id, version, data, type, timestamp, headers, correlation_id, user_name)
select row_number() over (order by at, stream_id, version), md5('event' || stream_id || version)::uuid, stream_id, version, data, type, at,
  jsonb_build_object('service', 'bench', 'user-id', 'bench', 'user-role', 'bench'), 'bench', 'bench'
from ev;
select setval('ledger.mt_events_sequence', (select max(seq_id) from ledger.mt_events));

-- Review's queue: one item per application, its status as Review's own actions left it.
insert into review.mt_doc_reviewqueueitem (id, data, mt_dotnet_type)
select id, jsonb_build_object('Id', id, 'ApplicantName', name, 'Employer', employer, 'Series', '工程技术', 'Specialty', specialty, 'Level', level,
  'QueuedAt', pg_temp.ts(t0), 'Status', case state when 'submitted' then 0 when 'under_review' then 1 when 'revision' then 2 when 'resubmitted' then 3
    when 'rejected' then 9 when 'withdrawn' then 10 else 4 end,
  'AssignedTo', case when state in ('submitted', 'withdrawn') then null else 'reviewer-' || (i % 40) end,
  'ChangedModules', case when state = 'resubmitted' then jsonb_build_array('achievements') else '[]'::jsonb end,
  'LedgerVersion', 3, 'UpdatedAt', pg_temp.ts(t0 + interval '3 days')),
  'TitleReview.Review.Features.ReviewQueue.ReviewQueueItem'
from apps;
insert into review.mt_doc_committeemeeting (id, data, mt_dotnet_type)
values (md5('meeting-open')::uuid, jsonb_build_object('Id', md5('meeting-open')::uuid, 'CycleId', 'xishan-engineering-2023', 'MeetingDate', '2023-06-15',
  'Members', jsonb_build_array('委员甲','委员乙','委员丙','委员丁','委员戊','委员己','委员庚','委员辛','委员壬'),
  'Present', jsonb_build_array('委员甲','委员乙','委员丙','委员丁','委员戊','委员己','委员庚'), 'CreatedBy', 'secretary',
  'CreatedAt', '2023-06-15T10:00:00+08:00', 'Decisions', '[]'::jsonb), 'TitleReview.Review.Features.CommitteeMeetings.CommitteeMeeting');

-- Payment: a fee account per approved application, a platform notification per payment, 1 in 100 paid twice.
insert into payment.mt_doc_feeaccount (id, data, mt_dotnet_type)
select id, jsonb_build_object('Id', id, 'PaymentReference', reference, 'Amount', case level when 1 then 300.00 else 200.00 end,
  'DueDate', to_char(t0 + interval '15 days', 'YYYY-MM-DD'), 'Paid', state in ('ready', 'failed', 'certified'), 'Lapsed', state = 'lapsed'),
  'TitleReview.Payment.Features.AssessFee.FeeAccount'
from approved;
insert into payment.mt_doc_paymentnotification (id, data, mt_dotnet_type)
select 'P-' || i || '-' || copy, jsonb_build_object('Id', 'P-' || i || '-' || copy, 'PaymentReference', reference, 'Amount', case level when 1 then 300.00 else 200.00 end,
  'PaidAt', pg_temp.ts(t0 + interval '8 days'), 'Channel', 'platform', 'ApplicationId', id, 'Outcome', case copy when 1 then 0 else 4 end,
  'ReceivedAt', pg_temp.ts(t0 + interval '8 days' + copy * interval '1 minute'),
  'RefundedAt', case when copy = 2 and i % 200 < 100 then pg_temp.ts(t0 + interval '10 days') end,
  'RefundReason', case when copy = 2 and i % 200 < 100 then '重复缴费，原路退回' end, 'RefundEvidenceSha256', null),
  'TitleReview.Payment.Features.PaymentNotifications.PaymentNotification'
from approved, generate_series(1, 2) as copy
where state in ('ready', 'failed', 'certified') and (copy = 1 or i % 100 = 40);

-- Publicity: the notices, 40 approved applications on each.
insert into publicity.mt_doc_publicitynotice (id, data, mt_dotnet_type)
select md5('notice' || k)::uuid, jsonb_build_object('Id', md5('notice' || k)::uuid, 'CycleId', 'xishan-engineering-2023',
  'CommitteeName', '锡山区工程技术人员职称评审委员会', 'Number', '2023-' || to_char(k + 1, 'FM0000'),
  'Start', to_char(min(t0) + interval '5 days', 'YYYY-MM-DD'), 'End', to_char(min(t0) + interval '11 days', 'YYYY-MM-DD'), 'WorkingDays', 5,
  'CalendarVersion', 'cn-2023', 'PublishedAt', pg_temp.ts(min(t0) + interval '5 days'), 'PublishedBy', 'publicity-officer',
  'Entries', jsonb_agg(jsonb_build_object('ApplicationId', id, 'ApplicantName', name, 'Employer', employer, 'Specialty', specialty, 'Level', level) order by rank)),
  'TitleReview.Publicity.Features.Notices.PublicityNotice'
from (select *, rank / 40 as k from approved) a group by k;

-- Certificate: one record per certificate issued.
insert into certificate.mt_doc_certificaterecord (id, data, mt_dotnet_type)
select e.data ->> 'CertificateNumber', jsonb_build_object('Number', e.data ->> 'CertificateNumber', 'ApplicationId', a.id, 'HolderName', a.name,
  'Specialty', a.specialty, 'Level', a.level, 'CommitteeName', '锡山区工程技术人员职称评审委员会', 'DecisionDate', e.data ->> 'DecisionDate',
  'IssueDate', e.data ->> 'IssueDate', 'VerificationCode', e.data ->> 'VerificationCode', 'SubmittedBy', 'dev-portal', 'Employer', a.employer,
  'Series', '工程技术', 'CycleId', 'xishan-engineering-2023', 'SubmittedAt', pg_temp.ts(a.t0), 'FinalApprovedAt', pg_temp.ts(a.t0 + interval '3 days'),
  'PublicityStart', to_char(a.t0 + interval '5 days', 'YYYY-MM-DD'), 'PublicityEnd', to_char(a.t0 + interval '11 days', 'YYYY-MM-DD'),
  'MembersTotal', 9, 'MembersPresent', 7, 'VotesFor', 6, 'VotesAgainst', 1, 'Abstentions', 0, 'RevokedAt', null, 'RevocationReason', null),
  'TitleReview.Certificate.Features.Issue.CertificateRecord'
from ev e join apps a on a.id = e.stream_id where e.type = 'certificate_issued';

-- Where the services made the tables with duplicated columns (bench/README.md), fill them as Marten's migration does.
do $$ begin
  if exists (select from information_schema.columns where table_schema = 'review' and table_name = 'mt_doc_reviewqueueitem' and column_name = 'queued_at') then
    update review.mt_doc_reviewqueueitem set queued_at = (data ->> 'QueuedAt')::timestamptz, status = (data ->> 'Status')::int,
      level = (data ->> 'Level')::int, specialty = data ->> 'Specialty', assigned_to = data ->> 'AssignedTo';
  end if;
  if exists (select from information_schema.columns where table_schema = 'publicity' and table_name = 'mt_doc_publicitynotice' and column_name = 'end') then
    update publicity.mt_doc_publicitynotice set "end" = (data ->> 'End')::date, published_at = (data ->> 'PublishedAt')::timestamptz, number = data ->> 'Number';
  end if;
end $$;

-- The relays have sent all of this already: they start after it, not from the first event.
insert into ledger.mt_event_progression (name, last_seq_id)
select r, (select max(seq_id) from ledger.mt_events) from unnest(array['IntakeRelay:All', 'ReviewRelay:All', 'PaymentRelay:All', 'PublicityRelay:All', 'CertificateRelay:All']) as r
on conflict (name) do update set last_seq_id = excluded.last_seq_id;
commit;

vacuum analyze;
