-- Every column of every study, in a stable order.
select workspace_id, project_id, id, access_details, average_reward_per_hour, completion_codes,
  content_warning_details, content_warnings, credential_pool_id, currency_code, data_collection_id,
  data_collection_metadata, data_collection_method, date_created, description, device_compatibility,
  eligibility_requirements, estimated_completion_time, estimated_reward_per_hour, external_study_url, filter_set_id,
  filter_set_version, filters, has_credentials, internal_name, is_external_study_url_secure, is_pilot,
  is_ready_to_publish, is_underpaying, maximum_allowed_time, metadata, naivety_distribution_rate, name,
  number_of_submissions, peripheral_requirements, places_taken, presentment_currency_code, prolific_id_option,
  publish_at, published_at, researcher, reward, started_publishing_at, status, study_labels, study_type,
  submissions_config, total_available_places, total_cost
from prolific_study
order by id;

-- Column types as PostgreSQL sees them.
select column_name, data_type
from information_schema.columns
where table_schema = 'prolific' and table_name = 'prolific_study'
order by column_name;

-- jsonb operators on the JSON columns.
select id, data_collection_metadata ->> 'annotators_per_task' as annotators, researcher ->> 'name' as researcher,
  submissions_config ->> 'max_submissions_per_participant' as max_per_participant, study_labels ? 'annotation' as annotation,
  jsonb_array_length(access_details) as access_urls
from prolific_study
order by id;
