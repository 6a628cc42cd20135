-- The jobs resource that users see. db-scheduler runs each job as one execution of task "factlab-job" whose
-- task_instance is the job id; this table holds what the job is and how it went.
create table jobs (
  id uuid primary key,
  kind varchar(64) not null,
  status varchar(16) not null,
  -- JSON documents, stored as text so that H2 and PostgreSQL read them alike
  spec text not null,
  result text,
  progress text not null,
  error text,
  idempotency_key varchar(255),
  cancel_requested boolean not null default false,
  -- how many times an instance started the job; a run that ends by an instance's death is started again
  attempts int not null default 0,
  -- the db-scheduler instance that started the latest attempt
  run_by varchar(255),
  created_at timestamp with time zone not null,
  started_at timestamp with time zone,
  finished_at timestamp with time zone,
  updated_at timestamp with time zone not null,
  constraint jobs_idempotency_key_uq unique (idempotency_key)
);

create index jobs_status_idx on jobs (status);
create index jobs_updated_at_idx on jobs (updated_at);
create index jobs_created_at_idx on jobs (created_at);

-- Files a job writes while it runs (e.g. the final vectors of an optimisation), served as they are.
create table job_artifacts (
  job_id uuid not null references jobs (id) on delete cascade,
  name varchar(100) not null,
  content_type varchar(255) not null,
  size_bytes bigint not null,
  content bytea not null,
  created_at timestamp with time zone not null,
  primary key (job_id, name)
);
