# Helpers of the root Vagrantfile: where the dist archive is, and building it before `vagrant up`.
module Classcord
  ROOT = File.expand_path("..", __dir__)
  DIST_SCRIPT = File.join(ROOT, "vagrant", "dist.sh")

  def self.version
    File.read(File.join(ROOT, "pom.xml"))[%r{<artifactId>classcord-parent</artifactId>\s*<version>([^<]+)</version>}, 1]
  end

  # Path only: the Vagrantfile is read by every vagrant command, which must not start a build.
  def self.dist_path
    path = IO.popen([DIST_SCRIPT, "--path"], &:read).strip
    raise "vagrant/dist.sh --path failed" unless $?.success? && !path.empty?
    path
  end

  # Before up/provision: builds the archive when it is missing, or stops with the command to run.
  def self.ensure_dist!(ui)
    return if File.file?(dist_path)
    ui.info("Classcord: #{dist_path} is missing, building it (vagrant/dist.sh)")
    return if system(DIST_SCRIPT, out: File::NULL)
    raise Vagrant::Errors::VagrantError.new,
          "Classcord: no dist archive at #{dist_path}. Build it with `./mvnw -B -DskipTests package` " \
          "(JDK 25, from the repository root), then run vagrant again."
  end
end
