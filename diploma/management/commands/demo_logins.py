from django.core.management.base import BaseCommand

from diploma.demo.people import DEMO_LOGINS, DEMO_PASSWORD, DEMO_URL


class Command(BaseCommand):
    help = "Print the demo accounts, their password and where to look."

    def handle(self, *args, **options) -> None:
        rows = [("username", "role", "what to look at")]
        rows += [(login.username, login.role, login.look_at) for login in DEMO_LOGINS]
        user_width = max(len(row[0]) for row in rows)
        role_width = max(len(row[1]) for row in rows)
        lines = [f"{u:<{user_width}}  {r:<{role_width}}  {look}" for u, r, look in rows]
        lines.insert(1, f"{'-' * user_width}  {'-' * role_width}  {'-' * len(rows[0][2])}")
        self.stdout.write("\n".join(lines))
        self.stdout.write(f"\nPassword for every account: {DEMO_PASSWORD}")
        self.stdout.write(f"Open {DEMO_URL}")
