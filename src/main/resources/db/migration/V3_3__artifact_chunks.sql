-- Artifacts in fixed-size chunks (262,144 bytes, JobArtifacts.CHUNK_BYTES), so a download reads one chunk at a time
-- instead of loading the whole file per request. job_artifacts keeps the metadata and gets an id from a sequence: a
-- new id each time a name is saved again, so a download that outlives a replacement notices instead of mixing two
-- files. The same statements run on PostgreSQL and on H2 in PostgreSQL mode.
create sequence job_artifact_ids;
alter table job_artifacts add column id bigint;
update job_artifacts set id = nextval('job_artifact_ids');
alter table job_artifacts alter column id set not null;
alter table job_artifacts add constraint job_artifacts_id_uq unique (id);

create table job_artifact_chunks (
  artifact_id bigint not null references job_artifacts (id) on delete cascade,
  -- 0, 1, 2 ...: chunk seq holds bytes [seq * 262144, min(size_bytes, (seq + 1) * 262144))
  seq int not null,
  content bytea not null,
  primary key (artifact_id, seq)
);

-- Existing artifacts, cut into chunks (n runs over the chunk numbers of the largest one; an empty artifact has none).
insert into job_artifact_chunks (artifact_id, seq, content)
  with recursive n (i) as (
    select 0
    union all
    select i + 1 from n where i < (select coalesce(max(size_bytes), 0) / 262144 from job_artifacts)
  )
  select a.id, n.i, substring(a.content from n.i * 262144 + 1 for 262144)
  from job_artifacts a join n on n.i * 262144 < octet_length(a.content);

alter table job_artifacts drop column content;
