# expect: local HTTP_CLIENT
import smtplib
smtplib.SMTP("localhost")
