-- Test-only setup, run after README.md's "Use in your own PostgreSQL" block has created the extension, the server
-- steampipe_prolific and the schema prolific. psql variable apiport is the fake API's port.

-- A second connection with a wrong token, for the 401 case.
\set bad_config 'token = "wrong-token-1f2e3d"\nbase_url = "http://127.0.0.1:' :apiport '"'
create server steampipe_prolific_bad_token foreign data wrapper steampipe_postgres_prolific
  options (config :'bad_config');
create schema prolific_bad_token;
import foreign schema prolific_bad_token from server steampipe_prolific_bad_token into prolific_bad_token;

-- Local copies of the rows the join cases read, so each join can be checked against plain PostgreSQL.
create schema local_copy;
create table local_copy.prolific_batch_response as
  select * from prolific.prolific_batch_response
  where batch_id in ('0b6f2d3e-9c41-4a8e-b2f7-5d1c8e3a9f60', '7c2e9a41-3b5d-4f68-8a1e-2d9c4b7f0e13',
                     '8d3fab52-4c6e-4079-9b2f-3eac5c8f1f24');

-- A local table of batches with a start time, for joins that drive the lookup from local rows.
create table public.batch_window (batch_id text primary key, label text, since timestamptz);
insert into public.batch_window values
  ('7c2e9a41-3b5d-4f68-8a1e-2d9c4b7f0e13', 'sentiment', '2026-09-14 09:30:00+00'),
  ('8d3fab52-4c6e-4079-9b2f-3eac5c8f1f24', 'summaries', '2026-09-20 14:05:00+00');
