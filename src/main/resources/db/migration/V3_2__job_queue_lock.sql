-- One row that every submit locks (select ... for update) while it counts the queue and inserts its job, so
-- factlab.jobs.max-queued holds across all instances sharing the database, not only within one JVM.
create table job_queue_lock (id int primary key);
insert into job_queue_lock (id) values (1);
