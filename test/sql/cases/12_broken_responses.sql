-- A cut-off or malformed body and a 403 are errors, never a short result.
select count(*) from prolific_batch_response where batch_id = 'fault-truncated';

select count(*) from prolific_batch_response where batch_id = 'fault-malformed';

select count(*) from prolific_batch_response where batch_id = 'fault-forbidden';
