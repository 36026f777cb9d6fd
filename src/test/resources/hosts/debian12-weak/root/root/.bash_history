passwd test
ssh-keygen -t rsa
apt-get remove unattended-upgrades
