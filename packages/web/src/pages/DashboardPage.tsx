export default function DashboardPage() {
  return <div>工作台</div>;
}
