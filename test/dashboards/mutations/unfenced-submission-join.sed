# Looks up each participant's submission the naive way: a join with the foreign prolific_submission on study_id
# and participant_id. The stock FDW keeps only the study_id equality, so every participant is matched with every
# submission of the study. The golden file must catch it. (The mod's own query reads the submissions behind a
# materialized fence and matches them on the local rows.)
# case: participant_quality-moderation
# engines: stock patched
/^query "participant_quality" {/,/^}/ s/^        left join submissions s on s\.id = p\.submission_id$/        left join studies st2 on true left join prolific_submission s on s.study_id = st2.id and s.participant_id = p.participant_id/
