# expect: local REQUIREMENTS
# also: E2B_UNAVAILABLE
# context: tier=PAID e2b=down
import rich
rich.print("[bold]hi[/bold]")
