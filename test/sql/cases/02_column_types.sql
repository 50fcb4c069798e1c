-- The SQL type of every column, as PostgreSQL sees the imported foreign table.
select column_name, data_type
from information_schema.columns
where table_schema = 'prolific' and table_name = 'prolific_batch_response'
order by ordinal_position;
