-- Without batch_id the plugin cannot list responses, and says which qualifier is missing.
select id from prolific_batch_response;

select id from prolific_batch_response where batch_id like '0b6f%';
