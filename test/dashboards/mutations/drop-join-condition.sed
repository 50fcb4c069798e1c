# Drops the second condition of the join between each label and its task's majority in participant_quality, as
# the stock FDW would if that join were made against a foreign table. A participant's labels for one instruction
# are then compared with the majorities of every instruction of the task, and the agreement figures change.
# case: participant_quality-sentiment
# engines: patched stock external
/^query "participant_quality" {/,/^}/ s/ and m\.instruction_id = l\.instruction_id//
