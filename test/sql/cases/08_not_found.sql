-- A batch that does not exist (404, with either error body shape) is an empty result, not an error.
select count(*) as unknown_batch from prolific_batch_response where batch_id = '6a1b2c3d-0000-4000-8000-0000000000ff';

select count(*) as detail_shaped_404 from prolific_batch_response where batch_id = '3e9c5061-0000-4000-8000-00000000000c';

select count(*) as null_results from prolific_batch_response where batch_id = '1c7a3e4f-0000-4000-8000-00000000000a';
