"""Data governance under the data policy (sections III-V) and UU PDP 27/2022.

- `records`: what can be managed (punches, leave, activities, reviews, daily summaries) and how
  it is searched;
- `protection`: legal holds and the violation rule, as checks and as SQL conditions;
- `holds`: placing and lifting legal holds;
- `corrections`: versioned corrections (a stale form is refused);
- `deletion`: soft delete, restore, account deletion, purge;
- `retention`: the schedule per data category and the retention run;
- `access_export`: the ZIP of one person's data;
- `employee_status`: deactivation (for violation) and reactivation;
- `audit_log`: searching the audit trail;
- `policy`: the policy text, its versions and what each clause means in the dashboard.

Every action checks the viewer's permission, runs in the caller's transaction and writes its
audit entry in that same transaction.
"""
