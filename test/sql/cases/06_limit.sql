-- LIMIT returns exactly that many rows.
select count(*) as rows_returned
from (select id from prolific_batch_response where batch_id = '4fad6172-0000-4000-8000-000000010000' limit 7) s;
